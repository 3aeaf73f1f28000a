using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.CrossModal;

/// <summary>
/// DeViSE (Frome et al., "DeViSE: A Deep Visual-Semantic Embedding Model", NIPS 2013) on cached features: a
/// linear map M of image features into the label-text space (no bias), scored against label embeddings by dot
/// product, score(v, label) = tᵀ M v. Label embeddings are L2-normalised inside forward by default (our choice: it
/// keeps the margin 0.1 on one scale whatever the text encoder's vector norms; turn it off to use raw vectors). forward(image (B, D_img), labels (C, D_txt)) returns scores (B, C), so any
/// label set, seen or unseen, can be scored; train it with <c>HingeRankLoss</c> (Training; the zero-shot experiment does).
/// </summary>
public sealed class DeviseModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear projection;

    /// <param name="imageDim">D_img.</param>
    /// <param name="textDim">D_txt, width of the label embeddings.</param>
    /// <param name="normalizeLabels">Scale each label embedding to unit length before scoring (default).</param>
    public DeviseModel(int imageDim, int textDim, bool normalizeLabels = true) : base(nameof(DeviseModel))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(textDim);
        ImageDim = imageDim;
        TextDim = textDim;
        NormalizeLabels = normalizeLabels;
        projection = nn.Linear(imageDim, textDim, hasBias: false);
        RegisterComponents();
    }

    /// <summary>D_img.</summary>
    public int ImageDim { get; }

    /// <summary>D_txt.</summary>
    public int TextDim { get; }

    /// <summary>Whether label embeddings are scaled to unit length before scoring.</summary>
    public bool NormalizeLabels { get; }

    /// <summary>Dot-product scores of the projected images against the labels: (B, D_img), (C, D_txt) -> (B, C).</summary>
    public override Tensor forward(Tensor image, Tensor labels)
    {
        if (image.dim() != 2 || image.shape[1] != ImageDim)
            throw new ArgumentException($"{nameof(DeviseModel)}: image rows must be (B, {ImageDim}), got ({string.Join(", ", image.shape)}).", nameof(image));
        if (labels.dim() != 2 || labels.shape[1] != TextDim)
            throw new ArgumentException($"{nameof(DeviseModel)}: label embeddings must be (C, {TextDim}), got ({string.Join(", ", labels.shape)}).", nameof(labels));
        using var scope = NewDisposeScope();
        var table = NormalizeLabels ? nn.functional.normalize(labels, p: 2, dim: 1) : labels;  // (C, D_txt)
        var projected = projection.call(image);                                                // (B, D_txt)
        var scores = projected.matmul(table.t());                                              // (B, C)
        return scores.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) projection.Dispose();
        base.Dispose(disposing);
    }
}
