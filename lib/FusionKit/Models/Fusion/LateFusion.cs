using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Late (decision-level) fusion in MMF's sense (mmf/models/fusions.py, <c>late_fusion</c>): one classifier per
/// modality, and the fused output is the mean of their logits, (image_logits + text_logits) / 2, (B, C).
/// (TorchMultimodal's <c>LateFusion</c> means encoders, then a fusion module, then a head: not this.)
/// Design: it is a <see cref="FusionModule"/> whose output is already class logits (<see cref="ILogitFusion"/>),
/// so it plugs into the factory, modality dropout and <see cref="FusionClassifier"/>, which adds no head on top
/// of it (<see cref="FusionClassifier.Head"/> is null there); the per-modality classifiers are
/// <see cref="ClassifierHead"/>s, <c>image_classifier</c> and <c>text_classifier</c>. Both modalities count
/// equally by definition, so <see cref="ModalityWeights"/> is (0.5, 0.5) for every sample.
/// </summary>
public sealed class LateFusion : FusionModule, ILogitFusion
{
    private readonly ClassifierHead image_classifier;
    private readonly ClassifierHead text_classifier;

    /// <param name="imageDim">D_img.</param>
    /// <param name="textDim">D_txt.</param>
    /// <param name="classCount">C, logits of each per-modality classifier.</param>
    /// <param name="hiddenSizes">Hidden widths of each per-modality classifier; empty = linear (logistic).</param>
    /// <param name="activation">σ between their layers.</param>
    /// <param name="dropout">Dropout after their hidden activations.</param>
    public LateFusion(int imageDim, int textDim, int classCount, IReadOnlyList<int>? hiddenSizes = null,
                      HeadActivation activation = HeadActivation.ReLU, double dropout = 0)
        : base(nameof(LateFusion), imageDim, textDim)
    {
        image_classifier = new ClassifierHead(imageDim, hiddenSizes ?? [], classCount, activation, dropout);
        text_classifier = new ClassifierHead(textDim, hiddenSizes ?? [], classCount, activation, dropout);
        ClassCount = classCount;
        RegisterComponents();
    }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <summary>The image-only classifier.</summary>
    public ClassifierHead ImageClassifier => image_classifier;

    /// <summary>The text-only classifier.</summary>
    public ClassifierHead TextClassifier => text_classifier;

    /// <inheritdoc />
    public override int OutputDim => ClassCount;

    public override Tensor forward(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var imageLogits = image_classifier.call(image);     // (B, C)
        var textLogits = text_classifier.call(text);        // (B, C)
        var fused = (imageLogits + textLogits) / 2;         // (B, C)
        return fused.MoveToOuterDisposeScope();
    }

    /// <summary>(0.5, 0.5) per sample, (B, 2): the mean counts both modalities' logits equally.</summary>
    public override Tensor ModalityWeights(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        return torch.full(image.shape[0], 2, 0.5f, device: image.device); // (B, 2)
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            image_classifier.Dispose();
            text_classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
