using FusionKit.Caching;
using FusionKit.Data;

namespace FusionKit.Experiments.Interaction;

/// <summary>The images of one split of the interaction task: the dataset, its pooled embeddings and, when a spatial method runs, its 7x7 tokens.</summary>
/// <param name="Pooled">N x 512 pooled ResNet18 embeddings.</param>
/// <param name="Spatial">N x (49 * 512) spatial tokens, or null when no method reads them.</param>
public sealed record InteractionImages(Dataset Dataset, EmbeddingMatrix Pooled, EmbeddingMatrix? Spatial)
{
    /// <summary>Class of each image.</summary>
    public int[] Labels { get; } = Dataset.Labels();
}
