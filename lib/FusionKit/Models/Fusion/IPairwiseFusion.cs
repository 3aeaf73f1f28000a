using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// A fusion method whose work splits into a part that reads the image alone, a part that reads the text alone and a
/// cheap combination per (image, text) pair: forward(image, text) = <see cref="Combine"/>(<see cref="ImageSide"/>(image),
/// <see cref="TextSide"/>(text)), row by row (each method's forward is written this way, so the two agree exactly).
/// Where many pairs share an image or a text (question answering: several questions per image, a few hundred
/// phrasings for thousands of images) a caller computes each side once per distinct image and text and gathers the
/// sides' rows per pair (<c>PairLookupClassifier</c>): the same outputs and gradients for a fraction of the work,
/// because the projections of the raw embeddings, the bulk of a step, run once per image and once per text.
/// </summary>
public interface IPairwiseFusion
{
    /// <summary>What the fusion computes from the image alone: image rows (N, D_img) -> (N, S_img).</summary>
    Tensor ImageSide(Tensor image);

    /// <summary>What the fusion computes from the text alone: text rows (N, D_txt) -> (N, S_txt).</summary>
    Tensor TextSide(Tensor text);

    /// <summary>
    /// The fused rows (B, F) of B pairs from the sides of each pair's image (B, S_img) and text (B, S_txt), row b of
    /// both belonging to pair b.
    /// </summary>
    Tensor Combine(Tensor imageSide, Tensor textSide);

    /// <summary>
    /// The fused rows (B, F) of B pairs whose images are rows <paramref name="imageOf"/> (B, int64) of the distinct
    /// images' sides <paramref name="imageSides"/> (U, S_img): <see cref="Combine"/> of those rows gathered per pair,
    /// which is what this default does. A fusion whose image side is large (spatial tokens) reads each image's side
    /// once instead, with the same outputs and gradients.
    /// </summary>
    Tensor CombineShared(Tensor imageSides, Tensor imageOf, Tensor textSide)
    {
        using var scope = NewDisposeScope();
        var fused = Combine(imageSides.index_select(0, imageOf), textSide); // (B, F)
        return fused.MoveToOuterDisposeScope();
    }
}
