using System.Text.Json.Serialization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Evaluation;
using FusionKit.Experiments.Retrieval;
using FusionKit.Results;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.ZeroShot;

/// <summary>Results of <see cref="ZeroShotExperiment.Run"/>.</summary>
public sealed record ZeroShotResult(IReadOnlyList<int> Seeds, IReadOnlyList<ZeroShotRow> Rows, double Seconds)
{
    /// <summary>
    /// One row per setting: "split", "method", "label encoder", "label text", <see cref="TextSources.ColumnName"/> ("label"), then <see cref="MetricNames"/>
    /// ("ZSL", "S", "U", "H", "S cal", "U cal", "H cal", "AUSUC") as "mean ± std" text and, for each, numeric
    /// "…_mean" and "…_std" columns (the wide naming of <see cref="ResultTable.Wide"/>). "S cal", "U cal", "H cal" are calibrated stacking with γ chosen on validation.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("split", Rows.Select(r => r.Split)),
            new StringDataFrameColumn("method", Rows.Select(r => r.Method)),
            new StringDataFrameColumn("label encoder", Rows.Select(r => r.LabelEncoder)),
            new StringDataFrameColumn("label text", Rows.Select(r => r.LabelText)),
            new StringDataFrameColumn(TextSources.ColumnName, Rows.Select(r => r.TextSource)));
        var metrics = Metrics;
        foreach (var (name, get) in metrics) frame.Columns.Add(new StringDataFrameColumn(name, Rows.Select(r => get(r).Format(3))));
        foreach (var (name, get) in metrics)
        {
            frame.Columns.Add(new DoubleDataFrameColumn($"{name}_mean", Rows.Select(r => get(r).Mean)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{name}_std", Rows.Select(r => get(r).StandardDeviation)));
        }
        return frame;
    }

    /// <summary>
    /// The zero-shot result table (<see cref="ResultTable"/>): settings split, method, label encoder, label text and
    /// <see cref="TextSources.ColumnName"/>; metrics <see cref="MetricNames"/>. The run section's table.
    /// </summary>
    public ResultTable Table() => new(["split", "method", "label encoder", "label text", TextSources.ColumnName],
        Rows.SelectMany(r => Metrics.Select(m => ResultRow.Of([r.Split, r.Method, r.LabelEncoder, r.LabelText, r.TextSource], m.Name, m.Get(r)))));

    /// <summary>The metric columns of <see cref="ToDataFrame"/>, in order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = Metrics.Select(m => m.Name).ToArray();

    private static (string Name, Func<ZeroShotRow, MetricSummary> Get)[] Metrics =>
    [
        ("ZSL", r => r.UnseenAmongUnseen), ("S", r => r.Seen), ("U", r => r.Unseen), ("H", r => r.Harmonic),
        ("S cal", r => r.CalibratedSeen), ("U cal", r => r.CalibratedUnseen), ("H cal", r => r.CalibratedHarmonic), ("AUSUC", r => r.Ausuc),
    ];

    /// <summary>Writes zero-shot.csv and zero-shot.json into <paramref name="folder"/>, each atomically; returns their paths.</summary>
    public IReadOnlyList<string> Save(string folder)
    {
        var paths = new[] { Path.Combine(folder, "zero-shot.csv"), Path.Combine(folder, "zero-shot.json") };
        AtomicFile.WriteAllText(paths[0], TableCsv.ToCsv(ToDataFrame()));
        AtomicFile.WriteAllText(paths[1], JsonSerializer.Serialize(new { Seeds, Seconds, Rows }, KitJson.Options));
        return paths;
    }
}
