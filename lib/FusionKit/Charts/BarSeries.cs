namespace FusionKit.Charts;

/// <summary>One named bar series of a grouped bar chart: one value (and optional error) per category.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Values">Bar heights, one per category.</param>
/// <param name="Errors">Symmetric error-bar half-lengths (e.g. standard deviations), or null for none.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);
