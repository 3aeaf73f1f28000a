using FusionKit.Charts;
using XPlot.Plotly;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>The charts of a set of fusion runs in one call, and one offline HTML page with them.</summary>
public static class FusionReport
{
    /// <summary>
    /// Validation curves of all runs; ablation of the fusion runs (if any); modality weights per class of the runs
    /// whose method has weights (if any).
    /// </summary>
    public static IReadOnlyList<PlotlyChart> Charts(IReadOnlyList<FusionRunResult> runs, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(classNames);
        var charts = new List<PlotlyChart> { FusionCharts.ValidationCurves(runs) };
        if (runs.Any(r => r.Ablation is not null)) charts.Add(FusionCharts.Ablation(runs));
        if (runs.Any(r => r.ModalityWeights is not null)) charts.Add(FusionCharts.ModalityWeightsByClass(runs, classNames));
        return charts;
    }

    /// <summary>
    /// Writes <see cref="Charts"/> to <paramref name="path"/> as one offline HTML page, atomically; the page title is
    /// <paramref name="title"/> followed by the source of the runs' side text, e.g. "FusionKit fusion run (simulated text)".
    /// </summary>
    public static void Save(IReadOnlyList<FusionRunResult> runs, IReadOnlyList<string> classNames, string path, string title = "FusionKit fusion run") =>
        ChartExport.SaveHtml(Charts(runs, classNames), path, Title(runs, title));

    /// <summary>The page title <see cref="Save"/> writes: <paramref name="title"/> (<see cref="FusionCharts.SourceNote"/>).</summary>
    public static string Title(IReadOnlyList<FusionRunResult> runs, string title = "FusionKit fusion run")
    {
        ArgumentNullException.ThrowIfNull(title);
        return $"{title} ({FusionCharts.SourceNote(runs)})";
    }
}
