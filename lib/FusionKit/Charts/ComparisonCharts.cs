using XPlot.Plotly;

namespace FusionKit.Charts;

/// <summary>Charts that compare experiment variants (e.g. the leakage audit) over seeds.</summary>
public static class ComparisonCharts
{
    /// <summary>
    /// Grouped bars per variant: mean accuracy and mean macro-F1, with error bars of one sample standard
    /// deviation (ddof = 1; a single-seed variant gets no error bar).
    /// </summary>
    public static PlotlyChart Variants(IReadOnlyList<VariantResult> results, string title = "Variants: mean ± std over seeds")
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
            throw new ArgumentException("At least one variant result is required.", nameof(results));
        var names = results.Select(r => r.Variant).ToArray();
        static double Spread(FusionKit.Evaluation.MetricSummary s) => double.IsNaN(s.StandardDeviation) ? 0 : s.StandardDeviation;
        var series = new[]
        {
            new BarSeries("accuracy", results.Select(r => r.Accuracy.Mean).ToArray(), results.Select(r => Spread(r.Accuracy)).ToArray()),
            new BarSeries("macro-F1", results.Select(r => r.MacroF1.Mean).ToArray(), results.Select(r => Spread(r.MacroF1)).ToArray()),
        };
        return GenericCharts.GroupedBars(title, "variant", "score", names, series);
    }
}
