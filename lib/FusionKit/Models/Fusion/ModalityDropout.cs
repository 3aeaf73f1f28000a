using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Modality dropout, as in ModDrop (Neverova et al., "ModDrop: adaptive multi-modal gesture recognition", TPAMI
/// 2016): in training mode each sample, with probability <see cref="Probability"/>, loses one whole modality
/// (image or text, chosen with equal odds) by zeroing it; never both. In eval mode it passes both through
/// unchanged. Unlike unit dropout nothing is rescaled: a missing modality is what the model must learn to
/// handle. It works in front of every fusion method (any input rank: (B, D), (B, T, D), (B, C, H, W)) and has
/// no parameters, so it adds no checkpoint keys.
/// </summary>
public sealed class ModalityDropout : nn.Module<Tensor, Tensor, (Tensor Image, Tensor Text)>
{
    /// <param name="probability">Chance in [0, 1] that a training sample loses one modality.</param>
    public ModalityDropout(double probability) : base(nameof(ModalityDropout))
    {
        if (probability is < 0 or > 1 || double.IsNaN(probability))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Modality dropout must be in [0, 1].");
        Probability = probability;
        RegisterComponents();
    }

    /// <summary>Chance that a training sample loses one modality.</summary>
    public double Probability { get; }

    /// <summary>(image, text) with, per dropped sample, one of them zeroed; unchanged in eval mode or at p = 0.</summary>
    public override (Tensor Image, Tensor Text) forward(Tensor image, Tensor text)
    {
        if (image.shape[0] != text.shape[0])
            throw new ArgumentException($"{nameof(ModalityDropout)}: image and text batches differ in size ({image.shape[0]} vs {text.shape[0]}).", nameof(text));
        if (!training || Probability == 0) return (image.alias(), text.alias());
        using var scope = NewDisposeScope();
        var b = image.shape[0];
        var drop = torch.rand(b, device: image.device).lt(Probability);             // (B) bool
        var dropImage = drop.logical_and(torch.rand(b, device: image.device).lt(0.5)); // (B) bool
        var dropText = drop.logical_and(dropImage.logical_not());                    // (B) bool, never with dropImage
        var keepImage = dropImage.logical_not().to_type(image.dtype);                // (B)
        var keepText = dropText.logical_not().to_type(text.dtype);                   // (B)
        var maskedImage = image * Broadcastable(keepImage, image);                   // like image
        var maskedText = text * Broadcastable(keepText, text);                       // like text
        return (maskedImage.MoveToOuterDisposeScope(), maskedText.MoveToOuterDisposeScope());
    }

    /// <summary>(B) -> (B, 1, ..., 1) with the rank of <paramref name="like"/>.</summary>
    private static Tensor Broadcastable(Tensor perSample, Tensor like)
    {
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = like.shape[0];
        return perSample.view(shape);
    }
}
