using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Early fusion by concatenation, the paper's case study: [image ; text] (B, D_img + D_txt).
/// Follows TorchMultimodal's <c>ConcatFusionModule</c> (torchmultimodal/modules/fusions/concat_fusion.py), which
/// concatenates the modalities in key order (image before text) along the last dimension. Where TorchMultimodal
/// applies one optional projection after concatenating, this module optionally projects each modality to a
/// common width first (one linear layer each), so a 384-d text embedding is not outweighed by a 512-d image
/// one; the output is then (B, 2 * projectionDim).
/// </summary>
public sealed class ConcatFusion : FusionModule
{
    private readonly Linear? image_projection;
    private readonly Linear? text_projection;

    /// <param name="imageDim">D_img, e.g. 512 for ResNet18 features.</param>
    /// <param name="textDim">D_txt, e.g. 384 for all-MiniLM-L6-v2.</param>
    /// <param name="projectionDim">When set, each modality is first projected to this width.</param>
    public ConcatFusion(int imageDim, int textDim, int? projectionDim = null) : base(nameof(ConcatFusion), imageDim, textDim)
    {
        if (projectionDim is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p, nameof(projectionDim));
            image_projection = nn.Linear(imageDim, p);
            text_projection = nn.Linear(textDim, p);
        }
        ProjectionDim = projectionDim;
        RegisterComponents();
    }

    /// <summary>Width each modality is projected to before concatenation, or null for none.</summary>
    public int? ProjectionDim { get; }

    /// <inheritdoc />
    public override int OutputDim => ProjectionDim is { } p ? 2 * p : ImageDim + TextDim;

    public override Tensor forward(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var img = image_projection is null ? image : image_projection.call(image); // (B, P or D_img)
        var txt = text_projection is null ? text : text_projection.call(text);     // (B, P or D_txt)
        var fused = torch.cat([img, txt], dim: 1);                                  // (B, OutputDim)
        return fused.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            image_projection?.Dispose();
            text_projection?.Dispose();
        }
        base.Dispose(disposing);
    }
}
