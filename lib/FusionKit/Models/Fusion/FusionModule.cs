using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Base of the kit's fusion methods: a module that takes a batch of image embeddings (B, D_img) and the matching
/// text embeddings (B, D_txt) and returns one fused representation (B, <see cref="OutputDim"/>) for a head.
/// Methods that weigh the modalities per sample (weighted, gated, attention) override
/// <see cref="ModalityWeights"/> so their weights can be inspected; the others keep the default (none).
/// </summary>
public abstract class FusionModule : nn.Module<Tensor, Tensor, Tensor>
{
    /// <param name="name">Module name (TorchSharp's convention: the class name).</param>
    /// <param name="imageDim">D_img, width of the image embedding.</param>
    /// <param name="textDim">D_txt, width of the text embedding.</param>
    protected FusionModule(string name, int imageDim, int textDim) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(textDim);
        ImageDim = imageDim;
        TextDim = textDim;
    }

    /// <summary>D_img, width of the image embedding this module accepts.</summary>
    public int ImageDim { get; }

    /// <summary>D_txt, width of the text embedding this module accepts.</summary>
    public int TextDim { get; }

    /// <summary>Width of the fused representation.</summary>
    public abstract int OutputDim { get; }

    /// <summary>
    /// Per-sample weight of each modality, (B, 2) with columns image, text, for methods that compute one;
    /// null for methods (like concatenation) that weigh nothing. The tensor belongs to the caller's dispose scope.
    /// </summary>
    public virtual Tensor? ModalityWeights(Tensor image, Tensor text) => null;

    /// <summary>Throws a clear error when a batch does not have the widths this module was built for.</summary>
    protected void CheckInputs(Tensor image, Tensor text)
    {
        CheckImage(image);
        CheckText(text);
        if (image.shape[0] != text.shape[0])
            throw new ArgumentException($"{GetName()}: image and text batches differ in size ({image.shape[0]} vs {text.shape[0]}).", nameof(text));
    }

    /// <summary>Throws a clear error when image rows do not have the width this module was built for.</summary>
    protected void CheckImage(Tensor image)
    {
        if (image.dim() != 2 || image.shape[1] != ImageDim)
            throw new ArgumentException($"{GetName()}: image batch must be (B, {ImageDim}), got ({string.Join(", ", image.shape)}).", nameof(image));
    }

    /// <summary>Throws a clear error when text rows do not have the width this module was built for.</summary>
    protected void CheckText(Tensor text)
    {
        if (text.dim() != 2 || text.shape[1] != TextDim)
            throw new ArgumentException($"{GetName()}: text batch must be (B, {TextDim}), got ({string.Join(", ", text.shape)}).", nameof(text));
    }

    /// <summary>
    /// Columns [start, start + width) of a layer's weight (out, in) as a contiguous matrix that gradients flow back through:
    /// the block of a row-major weight is a strided view, and a training step through the view cost up to 1.4x that of a
    /// step through the copy (docs/platform.md, "Column blocks of a weight"). Same values.
    /// </summary>
    protected static Tensor ColumnBlock(Tensor weight, long start, long width) => weight.narrow(1, start, width).contiguous();
}
