namespace FusionKit.Charts;

/// <summary>Accuracy and macro-F1 of one variant over several seeds, for <see cref="ComparisonCharts.Variants"/>.</summary>
/// <param name="Variant">Variant name (x-axis label).</param>
/// <param name="Accuracy">Accuracy over seeds.</param>
/// <param name="MacroF1">Macro-averaged F1 over seeds.</param>
public sealed record VariantResult(string Variant, FusionKit.Evaluation.MetricSummary Accuracy, FusionKit.Evaluation.MetricSummary MacroF1);
