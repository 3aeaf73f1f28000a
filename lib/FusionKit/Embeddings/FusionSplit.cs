using FusionKit.Text;

namespace FusionKit.Embeddings;

/// <summary>Embedded rows of one split: image rows, side-text rows and labels (row i is sample i).</summary>
/// <param name="Image">N x D_img image embeddings, row-major.</param>
/// <param name="Text">N x D_txt side-text embeddings, row-major.</param>
/// <param name="SideTexts">The simulated side text of each sample.</param>
public sealed record FusionSplit(float[] Image, float[] Text, int[] Labels, IReadOnlyList<SideText> SideTexts)
{
    /// <summary>N.</summary>
    public int Count => Labels.Length;
}
