using static TorchSharp.torch;

namespace FusionKit.Models;

/// <summary>
/// A model that turns a batch of cached embedding rows into class logits (B, C). The trainer, prediction and
/// evaluation work through this, so the fused classifier and the image/label-text compatibility model share them.
/// </summary>
public interface IFeatureClassifier
{
    /// <summary>Number of classes C (columns of <see cref="Logits"/>).</summary>
    int ClassCount { get; }

    /// <summary>D_img, width of the image rows.</summary>
    int ImageDim { get; }

    /// <summary>D_txt of the per-sample text rows the model reads, or null when it reads none.</summary>
    int? SampleTextDim { get; }

    /// <summary>
    /// Logits (B, C) for image rows (B, D_img) and, where <see cref="SampleTextDim"/> is set, the matching text
    /// rows (B, D_txt). The result belongs to the caller's dispose scope.
    /// </summary>
    Tensor Logits(Tensor image, Tensor? text);
}
