using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Multi-modal Factorized Bilinear pooling, MFB (Yu, Yu, Fan and Tao, "Multi-modal Factorized Bilinear Pooling
/// with Co-Attention Learning for Visual Question Answering", ICCV 2017, Sec. 3.1; also MMF's
/// mmf/modules/fusions.py <c>MFB</c>): both modalities are projected to k·o, multiplied elementwise, sum-pooled
/// over non-overlapping windows of k (output unit j sums elements j·k .. j·k + k − 1), power-normalised with the
/// signed square root and L2-normalised: (B, o), each row of unit length. The paper's projections carry no input
/// activation (MMF adds an optional ReLU); none here. The signed square root is computed as
/// sign(z)·sqrt(|z| + 1e-12) so its gradient stays finite at z = 0; the shift changes no value by more than 1e-6.
/// The two projections are the image and text sides of <see cref="IPairwiseFusion"/>: computed once per distinct
/// image and text, only the product and pooling run per pair.
/// </summary>
public sealed class BilinearFusion : FusionModule, IPairwiseFusion
{
    private const double SqrtEpsilon = 1e-12;
    private readonly Linear image_projection;
    private readonly Linear text_projection;

    /// <param name="imageDim">D_img.</param>
    /// <param name="textDim">D_txt.</param>
    /// <param name="factor">k, the sum-pooling window (rank of each output unit's bilinear form).</param>
    /// <param name="outputDim">o, the fused width.</param>
    public BilinearFusion(int imageDim, int textDim, int factor, int outputDim) : base(nameof(BilinearFusion), imageDim, textDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputDim);
        image_projection = nn.Linear(imageDim, (long)factor * outputDim);
        text_projection = nn.Linear(textDim, (long)factor * outputDim);
        Factor = factor;
        FusedDim = outputDim;
        RegisterComponents();
    }

    /// <summary>k.</summary>
    public int Factor { get; }

    /// <summary>o.</summary>
    public int FusedDim { get; }

    /// <summary>U, the image projection to k·o (e.g. to set weights).</summary>
    public Linear ImageProjection => image_projection;

    /// <summary>V, the text projection to k·o.</summary>
    public Linear TextProjection => text_projection;

    /// <inheritdoc />
    public override int OutputDim => FusedDim;

    public override Tensor forward(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var fused = Combine(ImageSide(image), TextSide(text)); // (B, o)
        return fused.MoveToOuterDisposeScope();
    }

    /// <summary>U x_v + b_U, (N, k·o): the image's projection.</summary>
    public Tensor ImageSide(Tensor image)
    {
        CheckImage(image);
        return image_projection.call(image); // (N, k*o)
    }

    /// <summary>V x_t + b_V, (N, k·o): the text's projection.</summary>
    public Tensor TextSide(Tensor text)
    {
        CheckText(text);
        return text_projection.call(text);   // (N, k*o)
    }

    /// <summary>Per pair: elementwise product of the projections, sum-pooling over windows of k, signed square root, L2 norm, (B, o).</summary>
    public Tensor Combine(Tensor imageSide, Tensor textSide)
    {
        using var scope = NewDisposeScope();
        var joint = imageSide * textSide;                                // (B, k*o)
        var pooled = joint.view(-1, FusedDim, Factor).sum([2]);          // (B, o)
        var powered = pooled.sign() * (pooled.abs() + SqrtEpsilon).sqrt(); // (B, o)
        var fused = nn.functional.normalize(powered, p: 2, dim: 1);      // (B, o), unit rows
        return fused.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            image_projection.Dispose();
            text_projection.Dispose();
        }
        base.Dispose(disposing);
    }
}
