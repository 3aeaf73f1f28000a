using FusionKit.Evaluation;

namespace FusionKit.Results;

/// <summary>
/// One row of a <see cref="ResultTable"/>: the values of the table's setting columns (in the table's order), the metric,
/// and its mean, sample standard deviation (ddof = 1) and count over seeds. A missing value is NaN in
/// <see cref="Mean"/> or <see cref="Std"/> (e.g. the std of one seed, or an ablation a baseline has no modality for).
/// </summary>
/// <param name="Settings">The setting values, one per setting column of the table.</param>
/// <param name="Metric">The metric's name, e.g. "accuracy", "macro_f1", "H cal", "R@1".</param>
/// <param name="Mean">Mean over seeds (NaN: missing).</param>
/// <param name="Std">Sample standard deviation over seeds (NaN: missing, e.g. one seed).</param>
/// <param name="N">How many values (seeds) the mean is over.</param>
public sealed record ResultRow(IReadOnlyList<string> Settings, string Metric, double Mean, double Std, int N)
{
    /// <summary>The row of <paramref name="metric"/> summarised by <paramref name="summary"/> (mean, std, count).</summary>
    public static ResultRow Of(IReadOnlyList<string> settings, string metric, MetricSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new ResultRow(settings, metric, summary.Mean, summary.StandardDeviation, summary.Count);
    }

    /// <summary>The mean, std and count as a <see cref="MetricSummary"/> (for "mean ± std" text).</summary>
    public MetricSummary Summary => new(Mean, Std, N);
}
