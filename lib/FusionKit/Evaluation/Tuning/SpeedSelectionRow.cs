namespace FusionKit.Evaluation.Tuning;

/// <summary>One setting of a <see cref="SpeedSelectionResult"/>, summarised over the seeds.</summary>
/// <param name="Score">The validation score, mean ± std over seeds.</param>
/// <param name="Difference">Score minus the reference's score of the same seed, mean ± std over seeds (0 for the reference).</param>
/// <param name="Seconds">Wall seconds per training, mean ± std over seeds.</param>
/// <param name="SpeedUp">The reference's mean seconds over this setting's (above 1: faster).</param>
/// <param name="Equal">Whether the mean <paramref name="Difference"/> is within the selection's tolerance (not below −tolerance).</param>
/// <param name="Chosen">Whether this is the fastest equal setting: the one the selection returns.</param>
public sealed record SpeedSelectionRow(SpeedSetting Setting, bool IsReference, MetricSummary Score, MetricSummary Difference,
                                       MetricSummary Seconds, double SpeedUp, bool Equal, bool Chosen);
