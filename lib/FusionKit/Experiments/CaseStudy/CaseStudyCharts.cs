using FusionKit.Charts;
using FusionKit.Evaluation;
using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>The case study's charts, built from a <see cref="CaseStudyResult"/> (leaked variants labelled "[leaked]").</summary>
public static class CaseStudyCharts
{
    /// <summary>Accuracy and macro-F1 of every variant, mean ± std over seeds: the leakage audit at a glance.</summary>
    public static PlotlyChart LeakageAudit(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seeds = result.Seeds.Count;
        var variants = result.ChartVariants();
        static double Spread(MetricSummary s) => double.IsNaN(s.StandardDeviation) ? 0 : s.StandardDeviation;
        var names = variants.Select(v => v.Variant).ToArray();
        var bars = new[]
        {
            new BarSeries("accuracy", variants.Select(v => v.Accuracy.Mean).ToArray(), variants.Select(v => Spread(v.Accuracy)).ToArray()),
            new BarSeries("macro-F1", variants.Select(v => v.MacroF1.Mean).ToArray(), variants.Select(v => Spread(v.MacroF1)).ToArray()),
        };
        var chart = Chart.Plot(bars.Select(b => (Trace)GenericCharts.ToBar(b, names)).ToArray(), new PlotLayout
        {
            title = $"Leakage audit: test accuracy and macro-F1, mean ± std over {seeds} seed{(seeds == 1 ? "" : "s")} ([leaked] = the test label is an input)",
            barmode = "group",
            xaxis = new Xaxis { tickangle = -35 },
            yaxis = new Yaxis { title = "score", range = new[] { 0.0, 1.05 } },
            margin = new Margin { b = 230, l = 60, r = 20, t = 60 },
        });
        chart.Width = 1100;
        chart.Height = 680;
        return chart;
    }

    /// <summary>
    /// Loss and accuracy curves (train vs validation) of each trained model for one seed (default: the first);
    /// a paper model's title carries "[leaked]" (it is validated with the true label's text).
    /// </summary>
    public static IReadOnlyList<PlotlyChart> TrainingCurves(CaseStudyResult result, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = seed ?? result.Seeds[0];
        return result.Runs
            .Where(r => r.Seed == s && r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)
            .Select(r => TrainingCharts.Curves(r.History.Epochs, $"Training curves: {r.Variant.TrainingDisplayName}, seed {s}"))
            .ToList();
    }

    /// <summary>Loss and accuracy curves of the model behind one variant, for one seed (default: the first).</summary>
    public static PlotlyChart TrainingCurve(CaseStudyResult result, string variantName, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.RunsOf(variantName);
        var run = (seed is { } s ? runs.FirstOrDefault(r => r.Seed == s) : runs.FirstOrDefault())
            ?? throw new ArgumentException($"No run of '{variantName}'{(seed is null ? "" : $" with seed {seed}")}.", nameof(variantName));
        return TrainingCharts.Curves(run.History.Epochs, $"Training curves: {run.Variant.TrainingDisplayName}, seed {run.Seed}");
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
