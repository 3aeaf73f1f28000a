using FusionKit.Caching;
using FusionKit.Data;

namespace FusionKit.Embeddings;

/// <summary>One split of a dataset with its cached image embeddings (row i embeds sample i).</summary>
public sealed record EmbeddedSplit(Dataset Dataset, EmbeddingMatrix Images)
{
    public int[] Labels { get; } = Dataset.Labels();
    public int Count => Dataset.Count;
}
