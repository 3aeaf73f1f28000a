using System.Globalization;

namespace FusionKit.Training;

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
