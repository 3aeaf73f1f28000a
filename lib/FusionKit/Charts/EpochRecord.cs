namespace FusionKit.Charts;

/// <summary>Metrics of one training epoch; NaN marks a value that was not measured (the point is left out).</summary>
/// <param name="Epoch">Epoch number (1-based by convention).</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="ValLoss">Validation loss.</param>
/// <param name="TrainAccuracy">Training accuracy in [0, 1].</param>
/// <param name="ValAccuracy">Validation accuracy in [0, 1].</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValLoss, double TrainAccuracy, double ValAccuracy);
