namespace FusionKit.Charts;

/// <summary>One named line of a line chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values, as many as <paramref name="X"/>.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>One named bar series of a grouped bar chart: one value (and optional error) per category.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Values">Bar heights, one per category.</param>
/// <param name="Errors">Symmetric error-bar half-lengths (e.g. standard deviations), or null for none.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);

/// <summary>Accuracy and macro-F1 of one variant over several seeds, for <see cref="ComparisonCharts.Variants"/>.</summary>
/// <param name="Variant">Variant name (x-axis label).</param>
/// <param name="Accuracy">Accuracy over seeds.</param>
/// <param name="MacroF1">Macro-averaged F1 over seeds.</param>
public sealed record VariantResult(string Variant, Evaluation.MetricSummary Accuracy, Evaluation.MetricSummary MacroF1);
