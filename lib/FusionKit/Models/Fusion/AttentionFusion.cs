using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Attention over modalities, as TorchMultimodal's <c>AttentionFusionModule</c>
/// (torchmultimodal/modules/fusions/attention_fusion.py): a scorer reads the concatenated raw embeddings
/// [x_img ; x_txt] and gives one score per modality (one linear layer, as there), softmax over the two modalities
/// gives per-sample weights a (B, 2); each modality is projected to <c>encoding_projection_dim</c> P (default: the
/// smaller encoder width, TorchMultimodal's default) and the output is a_img · W_img x_img + a_txt · W_txt x_txt,
/// (B, P). Modalities are in TorchMultimodal's sorted-key order, image before text. The scorer is its own layer,
/// never shared with the projections (Multimodal-Toolkit issues #14/#21: its attention MLP was overwritten).
/// </summary>
public sealed class AttentionFusion : FusionModule
{
    private readonly Linear attention;
    private readonly Linear image_projection;
    private readonly Linear text_projection;

    /// <param name="imageDim">D_img.</param>
    /// <param name="textDim">D_txt.</param>
    /// <param name="projectionDim">P; null = min(D_img, D_txt).</param>
    public AttentionFusion(int imageDim, int textDim, int? projectionDim = null) : base(nameof(AttentionFusion), imageDim, textDim)
    {
        var p = projectionDim ?? Math.Min(imageDim, textDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p, nameof(projectionDim));
        attention = nn.Linear(imageDim + textDim, 2);
        image_projection = nn.Linear(imageDim, p);
        text_projection = nn.Linear(textDim, p);
        ProjectionDim = p;
        RegisterComponents();
    }

    /// <summary>P.</summary>
    public int ProjectionDim { get; }

    /// <summary>The scorer, [x_img ; x_txt] -> 2 scores (e.g. to set weights).</summary>
    public Linear Attention => attention;

    /// <summary>W_img.</summary>
    public Linear ImageProjection => image_projection;

    /// <summary>W_txt.</summary>
    public Linear TextProjection => text_projection;

    /// <inheritdoc />
    public override int OutputDim => ProjectionDim;

    public override Tensor forward(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var a = Weights(image, text);                         // (B, 2)
        var img = image_projection.call(image);               // (B, P)
        var txt = text_projection.call(text);                 // (B, P)
        var fused = a[.., 0..1] * img + a[.., 1..2] * txt;    // (B, P)
        return fused.MoveToOuterDisposeScope();
    }

    /// <summary>The softmax attention weights (image, text), (B, 2); rows sum to 1.</summary>
    public override Tensor ModalityWeights(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        return Weights(image, text).MoveToOuterDisposeScope();
    }

    private Tensor Weights(Tensor image, Tensor text) =>
        torch.softmax(attention.call(torch.cat([image, text], 1)), 1); // (B, 2)

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            attention.Dispose();
            image_projection.Dispose();
            text_projection.Dispose();
        }
        base.Dispose(disposing);
    }
}
