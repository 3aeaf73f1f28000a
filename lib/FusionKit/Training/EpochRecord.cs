using System.Globalization;

namespace FusionKit.Training;

/// <summary>
/// Metrics of one epoch. Losses are the trainer's batch loss averaged per sample (cross-entropy for classifiers,
/// see <see cref="IBatchLoss{TModel}"/>); accuracies are fractions in [0, 1] as that loss defines a correct row;
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
