using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Evaluation;
using FusionKit.Results;
using Microsoft.Data.Analysis;
using XPlot.Plotly;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// The generation measures over seeds in the kit's result-table shape (<see cref="ResultTable"/>): setting columns
/// ("source", "captions", "images": the sample size per side) then metric, mean, std, n (seeds), so
/// <see cref="TableText.Headline(ResultTable, IReadOnlyList{string}, int)"/> prints it as "mean ± std" and
/// <see cref="MeanStdCharts"/> charts it. Every output (table, CSV, JSON, chart
/// titles) declares that the captions the text-conditioned models read are generated from the class labels
/// (<see cref="CaptionsNote"/>; the judge's reference rows say they have none, <see cref="ReferenceCaptions"/>), and
/// states the sample size of the comparisons. Measures undefined for a source (the conditional ones of an
/// unconditional model) are NaN in the numbers, "n/a" in the headline and absent from the charts.
/// </summary>
public static class GenerationTable
{
    /// <summary>The column that declares where the captions come from.</summary>
    public const string CaptionsColumn = "captions";

    /// <summary>The declaration carried by every row, file and chart.</summary>
    public const string CaptionsNote = "generated from the class labels";

    /// <summary>The metrics of <see cref="ToTable"/>, in order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } =
        [ConditionalAccuracy, GenerationJudge.FrechetDistanceName, Precision, Recall, ClassificationAccuracyScore];

    private const string ConditionalAccuracy = "conditional accuracy";
    private const string Precision = "precision";
    private const string Recall = "recall";
    private const string ClassificationAccuracyScore = "classification accuracy score";

    /// <summary>The setting columns of <see cref="ToTable"/>: the source, where its captions come from, and the images per side of every comparison.</summary>
    public static IReadOnlyList<string> SettingColumns { get; } = ["source", CaptionsColumn, ImagesColumn];

    /// <summary>The setting column of the sample size (images per side).</summary>
    public const string ImagesColumn = "images";

    /// <summary>
    /// Groups scores by <see cref="GenerationScores.Source"/> (in order of first appearance; one score per seed, e.g. the
    /// generated images of each seed's model followed by each seed's judge's <see cref="GenerationJudge.Reference"/>)
    /// and summarises each group over its seeds.
    /// </summary>
    /// <exception cref="ArgumentException">No scores, or one source scored at different sample sizes or class counts (named).</exception>
    public static IReadOnlyList<GenerationTableRow> Summarize(IEnumerable<GenerationScores> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var groups = scores.Select((s, i) => s ?? throw new ArgumentException($"Score {i} is null.", nameof(scores)))
            .GroupBy(s => s.Source, StringComparer.Ordinal).ToArray();
        if (groups.Length == 0) throw new ArgumentException("There are no scores to summarise.", nameof(scores));
        return groups.Select(group =>
        {
            var runs = group.ToArray();
            var sizes = runs.Select(r => r.SampleSize).Distinct().ToArray();
            if (sizes.Length > 1)
                throw new ArgumentException(
                    $"'{group.Key}' was scored at different sample sizes ({string.Join(", ", sizes)}); Fréchet distance and precision/recall are comparable only at one size. Use judges with the same PerClass.",
                    nameof(scores));
            var classes = runs[0].ConditionalAccuracyPerClass.Count;
            if (runs.Any(r => r.ConditionalAccuracyPerClass.Count != classes))
                throw new ArgumentException($"'{group.Key}' was scored with different numbers of classes.", nameof(scores));
            MetricSummary Of(Func<GenerationScores, double> get)
            {
                var values = runs.Select(get).ToArray();
                if (values.All(double.IsNaN)) return new MetricSummary(double.NaN, double.NaN, values.Length); // undefined, e.g. conditional measures of an unconditional model
                if (values.Any(double.IsNaN))
                    throw new ArgumentException($"'{group.Key}' has a measure defined for some seeds and not others (scored with and without intended labels).", nameof(scores));
                return MetricSummary.Of(values);
            }
            return new GenerationTableRow(group.Key, sizes[0], Of(r => r.ConditionalAccuracy), Of(r => r.FrechetDistance),
                Of(r => r.PrecisionRecall.Precision), Of(r => r.PrecisionRecall.Recall), Of(r => r.ClassificationAccuracyScore),
                Enumerable.Range(0, classes).Select(c => Of(r => r.ConditionalAccuracyPerClass[c])).ToArray());
        }).ToArray();
    }

    /// <summary>One row per source and metric (<see cref="MetricNames"/>): <see cref="SettingColumns"/>, metric, mean, std (missing for one seed), n (seeds).</summary>
    public static ResultTable ToTable(IReadOnlyList<GenerationTableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new ResultTable(SettingColumns, rows.SelectMany(r => Metrics.Select(m => ResultRow.Of(Settings(r), m.Name, m.Get(r)))));
    }

    /// <summary>Conditional accuracy per intended class: <see cref="SettingColumns"/> and "class", metric "conditional accuracy".</summary>
    /// <exception cref="ArgumentException">Class names that do not match the rows' class count.</exception>
    public static ResultTable PerClassTable(IReadOnlyList<GenerationTableRow> rows, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(classNames);
        if (rows.Any(r => r.ConditionalAccuracyPerClass.Count != classNames.Count))
            throw new ArgumentException($"{classNames.Count} class names given, but the rows hold per-class accuracies of another count.", nameof(classNames));
        return new ResultTable([.. SettingColumns, "class"], rows.SelectMany(r => r.ConditionalAccuracyPerClass.Select((summary, c) =>
            ResultRow.Of([.. Settings(r), classNames[c]], ConditionalAccuracy, summary))));
    }

    /// <summary>The table as text columns: the settings, then each metric as "0.912 ± 0.004" (<see cref="TableText.Headline(ResultTable, IReadOnlyList{string}, int)"/>).</summary>
    public static DataFrame Headline(ResultTable table, int digits = 3) => TableText.Headline(table, SettingColumns, digits);

    /// <summary>
    /// One bar chart per metric of <see cref="ToTable"/> (x = source, error bars = std over seeds), and conditional
    /// accuracy per class from <see cref="PerClassTable"/> (x = class, one series per source) when given. Titles
    /// state the sample size, the seeds and where the captions come from.
    /// </summary>
    public static IReadOnlyList<PlotlyChart> Charts(ResultTable table, ResultTable? perClass = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var note = Note(table);
        var charts = table.Metrics.Select(metric =>
        {
            var name = MeanStdCharts.DisplayName(metric);
            var direction = metric == GenerationJudge.FrechetDistanceName ? "lower is better" : "higher is better";
            return MeanStdCharts.Bars(table.OfMetric(metric), ["source"], [], $"{name}, {direction} ({note})", name);
        }).ToList();
        if (perClass is not null)
            charts.Add(MeanStdCharts.Bars(perClass, ["class"], ["source"], $"Conditional accuracy per intended class ({Note(perClass)})", ConditionalAccuracy));
        return charts;
    }

    /// <summary>
    /// Writes <c>generation.csv</c>, <c>generation-per-class.csv</c>, <c>generation.json</c> (both tables as
    /// <see cref="TableJson"/>, with the captions declaration and feature space) and <c>generation-charts.html</c>
    /// into <paramref name="folder"/>, each atomically; returns their paths.
    /// </summary>
    public static IReadOnlyList<string> Save(IReadOnlyList<GenerationTableRow> rows, IReadOnlyList<string> classNames, string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var table = ToTable(rows);
        var perClass = PerClassTable(rows, classNames);
        var paths = new[] { "generation.csv", "generation-per-class.csv", "generation.json", "generation-charts.html" }.Select(n => Path.Combine(folder, n)).ToArray();
        AtomicFile.WriteAllText(paths[0], table.ToCsv());
        AtomicFile.WriteAllText(paths[1], perClass.ToCsv());
        var json = new JsonObject
        {
            ["captions"] = CaptionsNote,
            ["featureSpace"] = "the kit's pretrained ResNet18 (512-d pooled features); not Inception-v3, so the Fréchet distance is not comparable with published FID",
            ["table"] = table.ToJson(),
            ["perClass"] = perClass.ToJson(),
        };
        AtomicFile.WriteAllText(paths[2], json.ToJsonString(KitJson.Options));
        ChartExport.SaveHtml(Charts(table, perClass), paths[3], $"Generation measures (captions {CaptionsNote})");
        return paths;
    }

    private static readonly (string Name, Func<GenerationTableRow, MetricSummary> Get)[] Metrics =
    [
        (ConditionalAccuracy, r => r.ConditionalAccuracy), (GenerationJudge.FrechetDistanceName, r => r.FrechetDistance),
        (Precision, r => r.Precision), (Recall, r => r.Recall), (ClassificationAccuracyScore, r => r.ClassificationAccuracyScore),
    ];

    private static string[] Settings(GenerationTableRow row) =>
        [row.Source, IsReference(row.Source) ? ReferenceCaptions : CaptionsNote, row.SampleSize.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The captions cell of a reference row: real or noise images that no model drew.</summary>
    public const string ReferenceCaptions = "none (reference images)";

    private static bool IsReference(string source) =>
        source is GenerationReference.RealName or GenerationReference.ClassShuffledName or GenerationReference.NoiseName;

    /// <summary>"n = 1,000 per side, mean ± std over 3 seeds, captions generated from the class labels" (the sizes and seed counts the table holds).</summary>
    private static string Note(ResultTable table)
    {
        string Distinct(IEnumerable<int> values) => string.Join("/", values.Distinct().Select(v => v.ToString("N0", CultureInfo.InvariantCulture)));
        var seeds = Distinct(table.Rows.Select(r => r.N));
        var spread = seeds == "1" ? "1 seed, no error bars" : $"mean ± std over {seeds} seeds";
        return $"n = {Distinct(table.Rows.Select(r => int.Parse(table.Cell(r, ImagesColumn), CultureInfo.InvariantCulture)))} per side, {spread}, captions {CaptionsNote}";
    }
}
