using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// A fusion method that reads the image as a grid of region tokens instead of one pooled embedding: T tokens of
/// width D_tok, e.g. ResNet18's final 7x7 map as 49 tokens of 512-d. Its <see cref="FusionModule.ImageDim"/> is
/// then T * D_tok, the width of one flattened row (token t in columns t * D_tok .. (t + 1) * D_tok - 1, tokens in
/// row-major grid order), so cached rows, <see cref="FusionClassifier"/> and the trainer work unchanged; it also
/// accepts (B, T, D_tok) and the encoder's (B, D_tok, H, W) map (see <see cref="SpatialTokens"/>). The pooled
/// embedding the other methods read is the mean of the T tokens.
/// </summary>
public interface ISpatialFusion
{
    /// <summary>T, tokens per image (49 for a 7x7 grid).</summary>
    int ImageTokens { get; }

    /// <summary>D_tok, width of one token (512 for ResNet18).</summary>
    int TokenDim { get; }

    /// <summary>Where the text looked: attention weights over the image tokens (B, T), each row summing to 1.
    /// The tensor belongs to the caller's dispose scope.</summary>
    Tensor AttentionMap(Tensor image, Tensor text);
}
