using System.Text.Json.Serialization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Evaluation;
using FusionKit.Evaluation.Ranking;
using FusionKit.Results;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.Retrieval;

/// <summary>Results of <see cref="RetrievalExperiment.Run"/>: per-seed values, their summaries and a long table.</summary>
/// <param name="Seeds">The model seeds, in order.</param>
/// <param name="ClassifierAccuracy">Test accuracy of the image-only classifier, per seed.</param>
/// <param name="Classification">Retrieval by predicted class, per seed.</param>
/// <param name="ClassificationIntervals">Percentile bootstrap 95% intervals over the test queries of the first seed, by metric ("mAP", "P@K").</param>
/// <param name="Joint">Cross-modal retrieval per joint-space text kind, per seed.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
/// <param name="SideTextByClass">The side-text joint space scored with class-level relevance, per seed (null without that space).</param>
public sealed record RetrievalResult(
    IReadOnlyList<int> Seeds,
    IReadOnlyList<double> ClassifierAccuracy,
    IReadOnlyList<ClassRetrievalReport> Classification,
    IReadOnlyDictionary<string, BootstrapInterval> ClassificationIntervals,
    IReadOnlyDictionary<JointTextKind, IReadOnlyList<CrossModalReport>> Joint,
    double Seconds,
    IReadOnlyList<ClassLevelCrossModalReport>? SideTextByClass = null)
{
    /// <summary>Task name of the classification-retrieval rows.</summary>
    public const string ClassificationTask = "retrieval by predicted class";

    /// <summary>
    /// Every metric as mean ± std over the seeds. The side-text joint space appears twice, as
    /// "joint space (simulated side text, exact-text relevance, identical titles merged)" and "joint space (simulated side text, class-level relevance)"; the
    /// latter adds a "queries" row per direction (boilerplate texts are not text->image queries, see <see cref="Notes"/>).
    /// </summary>
    public IReadOnlyList<RetrievalTableRow> Rows()
    {
        var rows = new List<RetrievalTableRow>
        {
            new(ClassificationTask, "image->image", "classifier accuracy", MetricSummary.Of(ClassifierAccuracy)),
        };
        var ks = Classification[0].Ks;
        for (var i = 0; i < ks.Count; i++)
        {
            var at = i;
            rows.Add(new(ClassificationTask, "image->image", $"P@{ks[i]}", MetricSummary.Of(Classification.Select(r => r.PrecisionAtK[at]))));
            rows.Add(new(ClassificationTask, "image->image", $"R@{ks[i]}", MetricSummary.Of(Classification.Select(r => r.IrRecallAtK[at]))));
        }
        rows.Add(new(ClassificationTask, "image->image", "mAP", MetricSummary.Of(Classification.Select(r => r.MeanAveragePrecision))));
        foreach (var (kind, reports) in Joint)
        {
            var task = kind == JointTextKind.SideText
                ? $"joint space ({RetrievalExperiment.Describe(kind)}, {RetrievalExperiment.ExactTextRelevance})"
                : $"joint space ({RetrievalExperiment.Describe(kind)})";
            var source = RetrievalExperiment.SourceOf(kind);
            AddDirection(rows, task, "text->image", source, reports.Select(r => r.TextToImage).ToArray());
            AddDirection(rows, task, "image->text", source, reports.Select(r => r.ImageToText).ToArray());
            if (kind != JointTextKind.SideText || SideTextByClass is not { Count: > 0 } byClass) continue;
            var classTask = $"joint space ({RetrievalExperiment.Describe(kind)}, {RetrievalExperiment.ClassLevelRelevance})";
            AddDirection(rows, classTask, "text->image", source, byClass.Select(r => r.Report.TextToImage).ToArray());
            rows.Add(new(classTask, "text->image", "queries", MetricSummary.Of(byClass.Select(r => (double)r.TextQueries)), source));
            AddDirection(rows, classTask, "image->text", source, byClass.Select(r => r.Report.ImageToText).ToArray());
            rows.Add(new(classTask, "image->text", "queries", MetricSummary.Of(byClass.Select(r => (double)r.ImageQueries)), source));
        }
        return rows;
    }

    /// <summary>Lines that qualify the table: for the class-level side-text figures, which texts were left out as queries.</summary>
    public IReadOnlyList<string> Notes() => SideTextByClass is { Count: > 0 } byClass
        ? [$"joint space ({RetrievalExperiment.Describe(JointTextKind.SideText)}, {RetrievalExperiment.ClassLevelRelevance}): {byClass[0].Coverage} (the side text is fixed, so every seed has the same queries)."]
        : [];

    /// <summary>
    /// The retrieval result table (<see cref="ResultTable"/>): settings task, setting and <see cref="TextSources.ColumnName"/>;
    /// metrics R@1, R@5, R@10, median rank, mAP (and the classifier's) from <see cref="Rows"/>. The run section's table.
    /// </summary>
    public ResultTable Table() =>
        new(["task", "setting", TextSources.ColumnName], Rows().Select(r => ResultRow.Of([r.Task, r.Setting, r.TextSourceName], r.Metric, r.Summary)));

    /// <summary>The long table (<see cref="RetrievalTable.ToDataFrame"/>).</summary>
    public DataFrame ToDataFrame() => RetrievalTable.ToDataFrame(Rows());

    /// <summary>The first seed's bootstrap intervals: columns "metric", "estimate", "lower", "upper", "value".</summary>
    public DataFrame IntervalsDataFrame()
    {
        var items = ClassificationIntervals.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("metric", items.Select(i => i.Key)),
            new DoubleDataFrameColumn("estimate", items.Select(i => i.Value.Estimate)),
            new DoubleDataFrameColumn("lower", items.Select(i => i.Value.Lower)),
            new DoubleDataFrameColumn("upper", items.Select(i => i.Value.Upper)),
            new StringDataFrameColumn("value", items.Select(i => i.Value.Format(3))));
    }

    /// <summary>Writes retrieval.csv, retrieval-intervals.csv and retrieval.json into <paramref name="folder"/>, each atomically; returns their paths.</summary>
    public IReadOnlyList<string> Save(string folder)
    {
        var paths = new[] { Path.Combine(folder, "retrieval.csv"), Path.Combine(folder, "retrieval-intervals.csv"), Path.Combine(folder, "retrieval.json") };
        AtomicFile.WriteAllText(paths[0], TableCsv.ToCsv(ToDataFrame()));
        AtomicFile.WriteAllText(paths[1], TableCsv.ToCsv(IntervalsDataFrame()));
        var json = new
        {
            Seeds,
            Seconds,
            Rows = Rows(),
            Notes = Notes(),
            ClassificationIntervals,
            PerSeed = new { ClassifierAccuracy, Classification, Joint = Joint.ToDictionary(j => j.Key.ToString(), j => j.Value), SideTextByClass },
        };
        AtomicFile.WriteAllText(paths[2], JsonSerializer.Serialize(json, KitJson.Options));
        return paths;
    }

    private static void AddDirection(List<RetrievalTableRow> rows, string task, string direction, TextSource source, RetrievalReport[] reports)
    {
        rows.Add(new(task, direction, "R@1", MetricSummary.Of(reports.Select(r => r.RecallAt1)), source));
        rows.Add(new(task, direction, "R@5", MetricSummary.Of(reports.Select(r => r.RecallAt5)), source));
        rows.Add(new(task, direction, "R@10", MetricSummary.Of(reports.Select(r => r.RecallAt10)), source));
        rows.Add(new(task, direction, "median rank", MetricSummary.Of(reports.Select(r => r.MedianRank)), source));
        rows.Add(new(task, direction, "mAP", MetricSummary.Of(reports.Select(r => r.MeanAveragePrecision)), source));
    }
}
