using System.Globalization;

namespace FusionKit.Training;

/// <summary>
/// Metrics of one epoch. Losses are mean cross-entropy per sample; accuracies are fractions in [0, 1];
/// validation figures are null without a validation set.
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double Seconds)
{
    /// <summary>A progress line, e.g. "epoch 3/10  loss 0.4120  acc 0.8520  val_loss 0.4410  val_acc 0.8431  2.3s".</summary>
    public string Format(int totalEpochs)
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Format(c, "epoch {0}/{1}  loss {2:F4}  acc {3:F4}", Epoch, totalEpochs, TrainLoss, TrainAccuracy);
        if (ValidationLoss is { } vl) line += string.Format(c, "  val_loss {0:F4}", vl);
        if (ValidationAccuracy is { } va) line += string.Format(c, "  val_acc {0:F4}", va);
        return line + string.Format(c, "  {0:F1}s", Seconds);
    }
}

/// <summary>What a training run did: one record per finished epoch, the best epoch and why it stopped.</summary>
/// <param name="Epochs">One record per finished epoch, epoch 1 first (resumed runs include the checkpoint's epochs).</param>
/// <param name="BestEpoch">1-based epoch with the best monitored validation metric, reported only when the model
/// ends with that epoch's weights (early stopping or <see cref="TrainingConfig.RestoreBestWeights"/>); null when
/// the model keeps the last epoch's weights or there is no validation set.</param>
/// <param name="StoppedEarly">True when early stopping ended the run before the configured epochs.</param>
/// <param name="ResumedAfterEpoch">Epochs taken from a checkpoint (0 for a fresh run).</param>
public sealed record TrainingHistory(
    IReadOnlyList<EpochRecord> Epochs,
    int? BestEpoch,
    bool StoppedEarly,
    int ResumedAfterEpoch)
{
    /// <summary>The last epoch's record.</summary>
    public EpochRecord Last => Epochs[^1];

    /// <summary>The record of the epoch whose weights the model holds: the best epoch's where one is reported, else the last.</summary>
    public EpochRecord Best => BestEpoch is { } b ? Epochs[b - 1] : Last;

    /// <summary>The 1-based epoch whose weights the model ends with (and which any evaluation of it measures).</summary>
    public int WeightsEpoch => BestEpoch ?? Last.Epoch;

    /// <summary>Which weights the run kept, for outputs that show the history, e.g. "last epoch (10); no best epoch
    /// is reported without early stopping or RestoreBestWeights" or "best validation epoch 4 of 10".</summary>
    public string WeightsNote => BestEpoch is { } b
        ? string.Create(CultureInfo.InvariantCulture, $"best validation epoch {b} of {Epochs.Count}")
        : string.Create(CultureInfo.InvariantCulture, $"last epoch ({Last.Epoch}); no best epoch is reported without early stopping or RestoreBestWeights");
}
