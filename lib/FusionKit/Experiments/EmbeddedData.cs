using FusionKit.Caching;
using FusionKit.Data;

namespace FusionKit.Experiments;

/// <summary>One split of a dataset with its cached image embeddings (row i embeds sample i).</summary>
public sealed record EmbeddedSplit(Dataset Dataset, EmbeddingMatrix Images)
{
    public int[] Labels { get; } = Dataset.Labels();
    public int Count => Dataset.Count;
}

/// <summary>
/// Everything a fusion experiment needs, embedded once and cached: train / validation / test image embeddings
/// and, per text encoder, one embedding per class label text.
/// </summary>
/// <param name="LabelTexts">The text that stands for each class (index = class).</param>
/// <param name="LabelEmbeddings">Text encoder name -> (classes x D) embeddings of <paramref name="LabelTexts"/>.</param>
public sealed record EmbeddedData(
    RunProfile Profile,
    IReadOnlyList<string> ClassNames,
    EmbeddedSplit Train,
    EmbeddedSplit Validation,
    EmbeddedSplit Test,
    IReadOnlyList<string> LabelTexts,
    IReadOnlyDictionary<string, EmbeddingMatrix> LabelEmbeddings,
    string ImageEncoder)
{
    public int ClassCount => ClassNames.Count;
}
