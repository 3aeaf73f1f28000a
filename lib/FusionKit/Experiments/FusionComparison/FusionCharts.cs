using FusionKit.Charts;
using FusionKit.Text;
using XPlot.Plotly;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>
/// Charts of fusion runs: modality weights per class, modality ablation, and a method comparison. The default titles
/// name the source of the runs' side text (<see cref="SourceNote"/>, e.g. "simulated text").
/// </summary>
public static class FusionCharts
{
    /// <summary>
    /// Grouped bars: for each class, the mean image weight of each method's test samples (the text weight is
    /// 1 minus it). Runs whose method weighs nothing (concat, bilinear, baselines) are left out.
    /// </summary>
    /// <exception cref="ArgumentException">No run has modality weights.</exception>
    public static PlotlyChart ModalityWeightsByClass(IEnumerable<FusionRunResult> runs, IReadOnlyList<string> classNames,
                                                     string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(classNames);
        var list = runs.ToArray();
        title ??= $"Image weight per class (text = 1 − image; {SourceNote(list)})";
        var series = list.Where(r => r.ModalityWeights is not null)
            .Select(r =>
            {
                var perClass = r.ModalityWeightsPerClass(classNames.Count)!;
                return new BarSeries(r.Config.Method, Enumerable.Range(0, classNames.Count).Select(c => perClass[c, 0]).ToArray());
            }).ToArray();
        if (series.Length == 0)
            throw new ArgumentException("None of the runs has modality weights (weighted, gated, attention and late fusion have).", nameof(runs));
        return GenericCharts.GroupedBars(title, "class", "mean image weight", classNames, series);
    }

    /// <summary>Grouped bars per method: test accuracy with both modalities, with the image zeroed and with the text zeroed.</summary>
    /// <exception cref="ArgumentException">No run has an ablation (only the single-modality baselines were given).</exception>
    public static PlotlyChart Ablation(IEnumerable<FusionRunResult> runs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ablated = runs.Where(r => r.Ablation is not null).ToArray();
        title ??= $"Ablation: test accuracy with one modality zeroed ({SourceNote(ablated)})";
        if (ablated.Length == 0)
            throw new ArgumentException("None of the runs has an ablation: the baselines read one modality only.", nameof(runs));
        var methods = ablated.Select(r => r.Config.Method).ToArray();
        return GenericCharts.GroupedBars(title, "method", "test accuracy", methods,
        [
            new BarSeries("both", ablated.Select(r => r.Ablation!.Both).ToArray()),
            new BarSeries("image zeroed", ablated.Select(r => r.Ablation!.ImageZeroed).ToArray()),
            new BarSeries("text zeroed", ablated.Select(r => r.Ablation!.TextZeroed).ToArray()),
        ]);
    }

    /// <summary>Validation accuracy per epoch, one line per run (labelled by method).</summary>
    public static PlotlyChart ValidationCurves(IEnumerable<FusionRunResult> runs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToArray();
        return GenericCharts.Lines(title ?? $"Validation accuracy per epoch ({SourceNote(list)})", "epoch", "validation accuracy", list.Select(r => new LineSeries(
            r.Config.Method,
            r.History.Epochs.Select(e => (double)e.Epoch).ToArray(),
            r.History.Epochs.Select(e => e.ValidationAccuracy ?? double.NaN).ToArray())));
    }

    /// <summary>The side-text sources of <paramref name="runs"/> for a title: "simulated text", "manifest text", or both joined by " + ".</summary>
    public static string SourceNote(IEnumerable<FusionRunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var sources = runs.Select(r => r.TextSource).Distinct().Order().Select(TextSources.Describe).ToArray();
        return sources.Length == 0 ? "no runs" : string.Join(" + ", sources);
    }
}
