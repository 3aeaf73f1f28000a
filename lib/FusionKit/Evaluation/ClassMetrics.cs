namespace FusionKit.Evaluation;

/// <summary>Precision, recall, F1 and support of one class (one row of a classification report).</summary>
/// <param name="Name">Class name.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall.</param>
/// <param name="Support">Number of true samples of the class.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);

/// <summary>An averaged row of a classification report ("macro avg" or "weighted avg").</summary>
/// <param name="Precision">Averaged precision.</param>
/// <param name="Recall">Averaged recall.</param>
/// <param name="F1">Averaged F1 (the average of per-class F1, not the F1 of the averages).</param>
/// <param name="Support">Total number of samples.</param>
public sealed record AveragedMetrics(double Precision, double Recall, double F1, int Support);
