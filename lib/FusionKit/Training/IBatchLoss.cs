using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>
/// The objective the <see cref="Trainer"/> minimises: the mean loss of a model on one batch, plus the checks and
/// hooks that belong to that objective. The trainer owns everything else (epoch order, optimizer, validation,
/// checkpoints, device placement), so every model of the kit, whatever its loss, trains through one loop:
/// <see cref="CrossEntropyBatchLoss"/> for classifiers (the default), the contrastive loss of the joint text-image
/// space and DeViSE's hinge rank loss in <c>FusionKit.Retrieval</c>.
/// </summary>
/// <typeparam name="TModel">The models this loss can score.</typeparam>
public interface IBatchLoss<in TModel>
{
    /// <summary>
    /// What the loss is and what it depends on besides the model's weights (e.g. "hinge rank, margin 0.1, 7
    /// labels"): part of the checkpoint fingerprint, so a checkpoint is never resumed under another objective.
    /// </summary>
    string Describe(TModel model);

    /// <summary>Throws <see cref="ArgumentException"/>, naming <paramref name="name"/> ("train", "validation") and
    /// the offending row, when <paramref name="data"/> cannot be scored by this loss and model.</summary>
    void CheckData(TModel model, FeatureSet data, string name);

    /// <summary>Mean loss and correct count of the model on the batch, with gradients when the trainer is training.
    /// The tensors belong to the caller's dispose scope.</summary>
    BatchOutcome Compute(TModel model, FeatureBatch batch);

    /// <summary>Runs after every optimizer step (e.g. clamping a learned temperature); most losses do nothing.</summary>
    void AfterStep(TModel model);

    /// <summary>Extra text for each epoch's progress line (e.g. the learned temperature), or null.</summary>
    string? EpochNote(TModel model);
}
