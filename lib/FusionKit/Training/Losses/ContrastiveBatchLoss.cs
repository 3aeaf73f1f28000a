using System.Globalization;
using FusionKit.Models.CrossModal;
using TorchSharp;

namespace FusionKit.Training.Losses;

/// <summary>
/// The <see cref="Trainer"/>'s objective for a <see cref="JointEmbeddingModel"/> on (image embedding, text
/// embedding) pairs: the symmetric contrastive loss (<see cref="ContrastiveLoss.Symmetric"/>) over each batch.
/// The pairs' labels, when present, are text groups: rows with the same label share one text (label-level text,
/// e.g. every image of class c paired with class c's description, or identical titles), and each batch keeps one
/// copy of each group's text so that a shared text is never its own negative. Without labels every pair's text is
/// its own group, as in CLIP. After each optimizer step the temperature is clamped as in CLIP
/// (<see cref="JointEmbeddingModel.ClampLogitScale"/>). Accuracy is image-to-text top-1 among the batch's distinct
/// texts (CLIP's in-batch accuracy), so validation figures depend on
/// <see cref="TrainingConfig.EvaluationBatchSize"/>.
/// </summary>
public sealed class ContrastiveBatchLoss : IBatchLoss<JointEmbeddingModel>
{
    /// <summary>The one instance (the loss has no settings).</summary>
    public static ContrastiveBatchLoss Instance { get; } = new();

    private ContrastiveBatchLoss() { }

    /// <inheritdoc/>
    public string Describe(JointEmbeddingModel model) => "symmetric contrastive, texts grouped by label";

    /// <inheritdoc/>
    public void CheckData(JointEmbeddingModel model, FeatureSet data, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Text is null) throw new ArgumentException($"The {name} pairs have no text rows.", name);
        if (data.ImageDim != model.ImageDim || data.TextDim != model.TextDim)
            throw new ArgumentException($"The {name} pairs are ({data.ImageDim}-d image, {data.TextDim}-d text); the model reads ({model.ImageDim}, {model.TextDim}).", name);
    }

    /// <inheritdoc/>
    public BatchOutcome Compute(JointEmbeddingModel model, FeatureBatch batch)
    {
        var text = batch.Text ?? throw new ArgumentException("The batch has no text rows.", nameof(batch));
        var local = Enumerable.Range(0, batch.Count).Select(i => (long)i).ToArray();
        var (firstRows, positions) = TextGroups.Distinct(local, batch.RowLabels);
        var device = batch.Image.device;
        var texts = text.index_select(0, torch.tensor(firstRows, device: device));   // (U, D_txt)
        var logits = model.call(batch.Image, texts);                                  // (b, U)
        var targets = torch.tensor(positions, device: device);                        // (b)
        return new BatchOutcome(ContrastiveLoss.Symmetric(logits, targets), logits.argmax(1).eq(targets).sum());
    }

    /// <inheritdoc/>
    public void AfterStep(JointEmbeddingModel model) => model.ClampLogitScale();

    /// <inheritdoc/>
    public string? EpochNote(JointEmbeddingModel model) => string.Create(CultureInfo.InvariantCulture, $"logit scale {model.LogitScale:F2}");
}
