namespace FusionKit.Evaluation;

/// <summary>An averaged row of a classification report ("macro avg" or "weighted avg").</summary>
/// <param name="Precision">Averaged precision.</param>
/// <param name="Recall">Averaged recall.</param>
/// <param name="F1">Averaged F1 (the average of per-class F1, not the F1 of the averages).</param>
/// <param name="Support">Total number of samples.</param>
public sealed record AveragedMetrics(double Precision, double Recall, double F1, int Support);
