namespace FusionKit.Evaluation;

/// <summary>Precision, recall, F1 and support of one class (one row of a classification report).</summary>
/// <param name="Name">Class name.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall.</param>
/// <param name="Support">Number of true samples of the class.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);
