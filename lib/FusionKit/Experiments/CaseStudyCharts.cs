using FusionKit.Charts;
using FusionKit.Evaluation;
using XPlot.Plotly;

namespace FusionKit.Experiments;

/// <summary>The case study's charts, built from a <see cref="CaseStudyResult"/> (leaked variants labelled "[leaked]").</summary>
public static class CaseStudyCharts
{
    /// <summary>Accuracy and macro-F1 of every variant, mean ± std over seeds: the leakage audit at a glance.</summary>
    public static PlotlyChart LeakageAudit(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seeds = result.Seeds.Count;
        var chart = ComparisonCharts.Variants(result.ChartVariants(),
            $"Leakage audit: test accuracy and macro-F1, mean ± std over {seeds} seed{(seeds == 1 ? "" : "s")} ([leaked] = the test label is an input)");
        chart.Width = 1100;
        chart.Height = 560;
        return chart;
    }

    /// <summary>Loss and accuracy curves (train vs validation) of each trained model for one seed (default: the first).</summary>
    public static IReadOnlyList<PlotlyChart> TrainingCurves(CaseStudyResult result, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = seed ?? result.Seeds[0];
        return result.Runs
            .Where(r => r.Seed == s && r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)
            .Select(r => TrainingCharts.Curves(r.History.Epochs, $"Training curves: {r.Variant.DisplayName}, seed {s}"))
            .ToList();
    }

    /// <summary>Confusion-matrix heatmap of a variant, counts summed over seeds.</summary>
    public static PlotlyChart Confusion(CaseStudyResult result, string variantName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var variant = result.Summary(variantName).Variant;
        return EvaluationCharts.ConfusionMatrix(result.PooledConfusion(variantName), ConfusionNormalization.None,
            $"Confusion matrix: {variant.DisplayName} (test set, summed over {result.RunsOf(variantName).Count} seed(s))");
    }

    /// <summary>Per-class F1 of a variant on the test set, from the confusion counts summed over seeds.</summary>
    public static PlotlyChart PerClassF1(CaseStudyResult result, string variantName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var variant = result.Summary(variantName).Variant;
        var report = ClassificationReport.FromConfusionMatrix(result.PooledConfusion(variantName), ZeroDivision.Zero);
        return EvaluationCharts.PerClassF1(report, $"F1 per class: {variant.DisplayName} (test set, pooled over seeds)");
    }
}
