using FusionKit.Models;
using TorchSharp;

namespace FusionKit.Training;

/// <summary>
/// The <see cref="Trainer"/>'s default objective: softmax cross-entropy over the logits (B, C) of any
/// <see cref="IFeatureClassifier"/> (the fused classifier's classes, the compatibility model's label texts), with
/// accuracy as the fraction of rows whose true class has the largest logit.
/// </summary>
public sealed class CrossEntropyBatchLoss : IBatchLoss<IFeatureClassifier>
{
    /// <summary>The one instance (the loss has no settings).</summary>
    public static CrossEntropyBatchLoss Instance { get; } = new();

    private CrossEntropyBatchLoss() { }

    /// <inheritdoc/>
    public string Describe(IFeatureClassifier model) => $"cross-entropy over {model.ClassCount} classes";

    /// <inheritdoc/>
    public void CheckData(IFeatureClassifier model, FeatureSet data, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Labels is null || data.LabelArray is null) throw new ArgumentException($"The {name} set has no labels.", name);
        if (data.ImageDim != model.ImageDim)
            throw new ArgumentException($"The {name} set's image rows have {data.ImageDim} values; the model reads {model.ImageDim}.", name);
        if (model.SampleTextDim is { } textDim && data.TextDim != textDim)
            throw new ArgumentException(data.TextDim is null
                ? $"The model fuses {textDim}-d text rows but the {name} set has no text."
                : $"The {name} set's text rows have {data.TextDim} values; the model reads {textDim}.", name);
        var labels = data.LabelArray;
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] >= model.ClassCount)
                throw new ArgumentException($"The {name} set's label at row {i} is {labels[i]}; the model has {model.ClassCount} classes (0..{model.ClassCount - 1}).", name);
    }

    /// <inheritdoc/>
    public BatchOutcome Compute(IFeatureClassifier model, FeatureBatch batch)
    {
        var labels = batch.Labels ?? throw new ArgumentException("Cross-entropy needs labelled rows.", nameof(batch));
        var logits = model.Logits(batch.Image, batch.Text);                  // (b, C)
        var loss = torch.nn.functional.cross_entropy(logits, labels);       // ()
        return new BatchOutcome(loss, logits.argmax(1).eq(labels).sum());
    }

    /// <inheritdoc/>
    public void AfterStep(IFeatureClassifier model) { }

    /// <inheritdoc/>
    public string? EpochNote(IFeatureClassifier model) => null;
}
