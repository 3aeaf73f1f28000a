using System.Globalization;
using FusionKit.Models.CrossModal;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Training.Losses;

/// <summary>
/// The <see cref="Trainer"/>'s objective for a <see cref="DeviseModel"/>: DeViSE's hinge rank loss
/// (<see cref="HingeRankLoss"/>, Frome et al. 2013) of each row's scores against a fixed table of label embeddings,
/// whose row y is the embedding of label y (the labels of the training rows index this table). Accuracy is the
/// fraction of rows whose own label scores highest. The loss holds the table and disposes it.
/// </summary>
public sealed class HingeRankBatchLoss : IBatchLoss<DeviseModel>, IDisposable
{
    private readonly Tensor _labels;   // (L, D_txt), CPU

    /// <param name="labelEmbeddings">L label embeddings of equal width, row y = label y.</param>
    /// <param name="margin">The hinge's margin; the paper's 0.1 by default.</param>
    /// <exception cref="ArgumentException">No label embeddings, ragged rows, or a negative margin.</exception>
    public HingeRankBatchLoss(IReadOnlyList<float[]> labelEmbeddings, double margin = HingeRankLoss.DefaultMargin)
    {
        ArgumentNullException.ThrowIfNull(labelEmbeddings);
        if (labelEmbeddings.Count == 0) throw new ArgumentException("There are no label embeddings.", nameof(labelEmbeddings));
        var dim = labelEmbeddings[0]?.Length ?? 0;
        for (var i = 0; i < labelEmbeddings.Count; i++)
            if (labelEmbeddings[i]?.Length != dim || dim == 0)
                throw new ArgumentException($"Label embedding {i} has {labelEmbeddings[i]?.Length ?? 0} values; label embedding 0 has {dim}.", nameof(labelEmbeddings));
        if (!(margin >= 0)) throw new ArgumentException($"The margin must be >= 0, got {margin}.", nameof(margin));
        Margin = margin;
        LabelCount = labelEmbeddings.Count;
        _labels = torch.tensor(labelEmbeddings.SelectMany(r => r).ToArray(), labelEmbeddings.Count, dim).DetachFromDisposeScope();
    }

    /// <summary>The hinge's margin.</summary>
    public double Margin { get; }

    /// <summary>L, the number of labels scored.</summary>
    public int LabelCount { get; }

    /// <inheritdoc/>
    public string Describe(DeviseModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"hinge rank, margin {Margin:R}, {LabelCount} labels");

    /// <inheritdoc/>
    public void CheckData(DeviseModel model, FeatureSet data, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (_labels.shape[1] != model.TextDim)
            throw new ArgumentException($"The label embeddings have {_labels.shape[1]} values; the model reads {model.TextDim}.", name);
        if (data.ImageDim != model.ImageDim) throw new ArgumentException($"The {name} rows have {data.ImageDim} values; the model reads {model.ImageDim}.", name);
        if (data.LabelArray is not { } labels) throw new ArgumentException($"The {name} set has no labels.", name);
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] >= LabelCount)
                throw new ArgumentException($"The {name} set's label at row {i} is {labels[i]}; there are {LabelCount} label embeddings.", name);
    }

    /// <inheritdoc/>
    public BatchOutcome Compute(DeviseModel model, FeatureBatch batch)
    {
        var targets = batch.Labels ?? throw new ArgumentException("The hinge rank loss needs labelled rows.", nameof(batch));
        var labels = _labels.device == batch.Image.device ? _labels : _labels.to(batch.Image.device);  // (L, D_txt)
        var scores = model.call(batch.Image, labels);                                                  // (b, L)
        return new BatchOutcome(HingeRankLoss.Compute(scores, targets, Margin), scores.argmax(1).eq(targets).sum());
    }

    /// <inheritdoc/>
    public void AfterStep(DeviseModel model) { }

    /// <inheritdoc/>
    public string? EpochNote(DeviseModel model) => null;

    public void Dispose() => _labels.Dispose();
}
