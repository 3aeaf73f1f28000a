using FusionKit.Charts;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.Retrieval;
using FusionKit.Results;
using FusionKit.Text;
using XPlot.Plotly;

namespace FusionKit.Runs;

/// <summary>
/// The charts of a run section, built from its summary table alone (so a section loaded from disk charts like a
/// fresh one, and a metric column added to a table gets its chart): bars = mean, error bars = std over seeds.
/// </summary>
public static class SectionCharts
{
    /// <summary>The section's charts: <see cref="Fusion"/>, <see cref="Retrieval"/>, <see cref="ZeroShot"/>, <see cref="Interaction"/> or the generation section's (<see cref="FusionKit.Experiments.Generation.GenerationSection.Charts"/>).</summary>
    public static IReadOnlyList<PlotlyChart> Of(SectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Section switch
        {
            RunSection.CaseStudy => CaseStudyExperiment(result),
            RunSection.Fusion => Fusion(result),
            RunSection.Retrieval => Retrieval(result),
            RunSection.ZeroShot => ZeroShot(result),
            RunSection.Interaction => Interaction(result),
            RunSection.Generation => FusionKit.Experiments.Generation.GenerationSection.Charts(Checked(result, RunSection.Generation).Table, result.ProfileName, result.Seeds.Count),
            _ => throw new ArgumentException($"Section '{RunSections.Name(result.Section)}' has no section charts.", nameof(result)),
        };
    }

    /// <summary>One chart per metric of the case study's summary table (accuracy, macro recall, macro-F1): x = variant, leaked
    /// and honest variants as two series. The report charts the case study from its per-model files instead
    /// (<see cref="CaseStudyFiles.ChartPages"/>: confusion matrices, F1 per class, training curves).</summary>
    public static IReadOnlyList<PlotlyChart> CaseStudyExperiment(SectionResult result)
    {
        var (categories, series, title) = Layout(Checked(result, RunSection.CaseStudy));
        return MeanStdCharts.BarsPerMetric(result.Table, categories, series, title);
    }

    /// <summary>One chart per metric of the sweep table (accuracy, macro-F1): x = method, one bar series per side-text reliability.</summary>
    public static IReadOnlyList<PlotlyChart> Fusion(SectionResult result)
    {
        var (categories, series, title) = Layout(Checked(result, RunSection.Fusion));
        return MeanStdCharts.BarsPerMetric(result.Table, categories, series, title);
    }

    /// <summary>
    /// Retrieval by predicted class (x = metric); the joint spaces' R@K and mAP with one series per space and direction
    /// (text->image, image->text); and their median rank (lower is better) on its own axis.
    /// </summary>
    public static IReadOnlyList<PlotlyChart> Retrieval(SectionResult result)
    {
        var table = Checked(result, RunSection.Retrieval).Table;
        const string MedianRank = "median rank";
        bool Classification(ResultRow r) => table.Cell(r, "task") == RetrievalResult.ClassificationTask;
        var classification = table.Where(Classification);
        var joint = table.Where(r => !Classification(r) && r.Metric != MedianRank);
        var ranks = table.Where(r => !Classification(r) && r.Metric == MedianRank);
        var charts = new List<PlotlyChart>();
        if (classification.Rows.Count > 0)
            charts.Add(MeanStdCharts.Bars(classification, [ResultTable.MetricColumn], ["setting"], $"Retrieval by predicted class ({SeedsNote(result)})"));
        if (joint.Rows.Count > 0)
            charts.Add(MeanStdCharts.Bars(joint, [ResultTable.MetricColumn], ["task", "setting"], $"Joint text-image space, both directions ({SourceNote(joint)}{SeedsNote(result)})"));
        if (ranks.Rows.Count > 0)
            charts.Add(MeanStdCharts.Bars(ranks, ["task"], ["setting"], $"Joint space: median rank, lower is better ({SourceNote(ranks)}{SeedsNote(result)})", MedianRank));
        return charts;
    }

    /// <summary>One chart per metric of the zero-shot table: x = method · label encoder · label text, one series per split.</summary>
    public static IReadOnlyList<PlotlyChart> ZeroShot(SectionResult result)
    {
        var (categories, series, title) = Layout(Checked(result, RunSection.ZeroShot));
        return MeanStdCharts.BarsPerMetric(result.Table, categories, series, title);
    }

    /// <summary>One chart per question type and overall (<see cref="FusionKit.Experiments.Interaction.InteractionResult.Charts(ResultTable, string, int)"/>):
    /// x = model · question encoder, seen and held-out phrasings side by side; titles say the questions are generated.</summary>
    public static IReadOnlyList<PlotlyChart> Interaction(SectionResult result) =>
        FusionKit.Experiments.Interaction.InteractionResult.Charts(Checked(result, RunSection.Interaction).Table, result.ProfileName, result.Seeds.Count);

    /// <summary>The chart of one metric of a case-study, fusion or zero-shot section, e.g. "accuracy", "macro_f1", "ZSL", "H".</summary>
    /// <exception cref="ArgumentException">A metric the table has not (the ones it has are listed).</exception>
    public static PlotlyChart Metric(SectionResult result, string metric)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (categories, series, title) = Layout(result);
        if (!result.Table.Metrics.Contains(metric, StringComparer.Ordinal))
            throw new ArgumentException($"The {RunSections.Name(result.Section)} table has no metric '{metric}'; it has: {string.Join(", ", result.Table.Metrics)}.", nameof(metric));
        return MeanStdCharts.Bars(result.Table.OfMetric(metric), categories, series, $"{title}: {MeanStdCharts.DisplayName(metric)}", MeanStdCharts.DisplayName(metric));
    }

    private static (string[] Categories, string[] Series, string Title) Layout(SectionResult result) => result.Section switch
    {
        RunSection.CaseStudy => (["variant"], ["leaked"], $"Case study by variant (leaked = yes reads the test label; {SeedsNote(result)})"),
        RunSection.Fusion => (result.Table.HasSetting("model") ? ["model"] : ["method"], ["reliability"],
            $"Fusion methods by simulated side-text reliability ({SeedsNote(result)})"),
        RunSection.ZeroShot => (["method", "label encoder", "label text"], ["split"], $"Zero-shot by split ({SourceNote(result.Table)}{SeedsNote(result)})"),
        _ => throw new ArgumentException($"Section '{RunSections.Name(result.Section)}' has no per-metric charts; use SectionCharts.Of.", nameof(result)),
    };

    /// <summary>The text sources of a table's rows (its <see cref="TextSources.ColumnName"/> setting, rows without text left out) as
    /// "simulated text + label text; ", or "" for a table without that column.</summary>
    private static string SourceNote(ResultTable table)
    {
        if (!table.HasSetting(TextSources.ColumnName)) return "";
        var names = Enum.GetValues<TextSource>().Select(TextSources.Name).ToArray();
        var present = table.Rows.Select(r => table.Cell(r, TextSources.ColumnName)).Where(names.Contains).ToHashSet();
        var sources = Enum.GetValues<TextSource>().Where(s => present.Contains(TextSources.Name(s))).Select(TextSources.Describe).ToArray();
        return sources.Length == 0 ? "" : string.Join(" + ", sources) + "; ";
    }

    private static string SeedsNote(SectionResult result) =>
        result.Seeds.Count == 1 ? "1 seed, no error bars" : $"mean ± std over {result.Seeds.Count} seeds";

    private static SectionResult Checked(SectionResult result, RunSection expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Section != expected)
            throw new ArgumentException($"Expected a {RunSections.Name(expected)} section, got {RunSections.Name(result.Section)}.", nameof(result));
        return result;
    }
}
