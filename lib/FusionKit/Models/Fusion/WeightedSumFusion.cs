using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Weighted sum of projected modalities: fused = w_img · W_img x_img + w_txt · W_txt x_txt, (B, P), with
/// w_img + w_txt = 1. The weights are either learned, as the softmax of a parameter <c>modality_logits</c> (2)
/// that starts at 0 (0.5/0.5), or fixed by the user (e.g. 0.7/0.3). Follows Multimodal-Toolkit's
/// <c>weighted_feature_sum_on_transformer_cat_and_numerical_feats</c> (Gu and Budhkar, 2021), which projects the
/// other modality to a common width and adds it under learned weights; here one scalar weight per modality
/// (softmax-normalised, so the two stay comparable) replaces that toolkit's per-dimension weights.
/// The weights are global, the same for every sample; <see cref="ModalityWeights"/> repeats them per row.
/// </summary>
public sealed class WeightedSumFusion : FusionModule
{
    private readonly Linear image_projection;
    private readonly Linear text_projection;
    private readonly Parameter? modality_logits;

    /// <param name="imageDim">D_img, e.g. 512.</param>
    /// <param name="textDim">D_txt, e.g. 384.</param>
    /// <param name="projectionDim">P, the shared width both modalities are projected to.</param>
    /// <param name="fixedWeights">(image, text) weights, each in [0, 1], summing to 1; null = learned.</param>
    public WeightedSumFusion(int imageDim, int textDim, int projectionDim, (double Image, double Text)? fixedWeights = null)
        : base(nameof(WeightedSumFusion), imageDim, textDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(projectionDim);
        if (fixedWeights is var (wi, wt))
        {
            if (!(wi >= 0 && wi <= 1 && wt >= 0 && wt <= 1) || Math.Abs(wi + wt - 1) > 1e-6)
                throw new ArgumentOutOfRangeException(nameof(fixedWeights), fixedWeights,
                    $"Fixed modality weights must lie in [0, 1] and sum to 1; got image {wi}, text {wt} (sum {wi + wt}).");
        }
        image_projection = nn.Linear(imageDim, projectionDim);
        text_projection = nn.Linear(textDim, projectionDim);
        if (fixedWeights is null) modality_logits = nn.Parameter(torch.zeros(2));
        ProjectionDim = projectionDim;
        FixedWeights = fixedWeights;
        RegisterComponents();
    }

    /// <summary>P, the shared width.</summary>
    public int ProjectionDim { get; }

    /// <summary>The user's (image, text) weights, or null when they are learned.</summary>
    public (double Image, double Text)? FixedWeights { get; }

    /// <summary>The image projection W_img (e.g. to set weights).</summary>
    public Linear ImageProjection => image_projection;

    /// <summary>The text projection W_txt.</summary>
    public Linear TextProjection => text_projection;

    /// <summary>The learned logits (image, text) whose softmax gives the weights, or null with fixed weights.</summary>
    public Parameter? ModalityLogits => modality_logits;

    /// <inheritdoc />
    public override int OutputDim => ProjectionDim;

    public override Tensor forward(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var img = image_projection.call(image);             // (B, P)
        var txt = text_projection.call(text);               // (B, P)
        var w = Weights(image);                             // (2)
        var fused = img * w[0] + txt * w[1];                // (B, P)
        return fused.MoveToOuterDisposeScope();
    }

    /// <summary>(w_img, w_txt) repeated for every row, (B, 2); rows sum to 1.</summary>
    public override Tensor ModalityWeights(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var w = Weights(image).unsqueeze(0).expand(image.shape[0], 2).contiguous(); // (B, 2)
        return w.MoveToOuterDisposeScope();
    }

    private Tensor Weights(Tensor like) => modality_logits is not null
        ? torch.softmax(modality_logits, 0)                                                          // (2)
        : torch.tensor(new[] { (float)FixedWeights!.Value.Image, (float)FixedWeights.Value.Text }, device: like.device); // (2)

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            image_projection.Dispose();
            text_projection.Dispose();
            modality_logits?.Dispose();
        }
        base.Dispose(disposing);
    }
}
