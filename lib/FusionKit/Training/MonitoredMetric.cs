namespace FusionKit.Training;

/// <summary>Validation metric that early stopping and the best epoch (<see cref="TrainingConfig.RestoreBestWeights"/>) follow.</summary>
public enum MonitoredMetric
{
    /// <summary>Validation accuracy, higher is better.</summary>
    ValidationAccuracy,

    /// <summary>Validation cross-entropy, lower is better.</summary>
    ValidationLoss,
}
