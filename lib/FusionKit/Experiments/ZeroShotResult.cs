using System.Text.Json;
using FusionKit.Caching;
using FusionKit.Evaluation;
using FusionKit.Retrieval;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments;

/// <summary>One setting of <see cref="ZeroShotExperiment"/>: its per-seed reports and their summaries.</summary>
/// <param name="Split">"fixed" or "random".</param>
/// <param name="Method">"devise" or "compatibility".</param>
/// <param name="LabelEncoder">Text encoder of the label embeddings.</param>
/// <param name="LabelText">"names" or "descriptions".</param>
/// <param name="UnseenAmongUnseen">Conventional ZSL accuracy.</param>
/// <param name="Seen">GZSL S.</param>
/// <param name="Unseen">GZSL U.</param>
/// <param name="Harmonic">GZSL H.</param>
public sealed record ZeroShotRow(string Split, string Method, string LabelEncoder, string LabelText, IReadOnlyList<ZeroShotReport> PerSeed,
                                 MetricSummary UnseenAmongUnseen, MetricSummary Seen, MetricSummary Unseen, MetricSummary Harmonic);

/// <summary>Results of <see cref="ZeroShotExperiment.Run"/>.</summary>
public sealed record ZeroShotResult(IReadOnlyList<int> Seeds, IReadOnlyList<ZeroShotRow> Rows, double Seconds)
{
    /// <summary>
    /// One row per setting: "split", "method", "label encoder", "label text", then "ZSL", "S", "U", "H" as
    /// "mean ± std" text and, for each, numeric "… mean" and "… std" columns.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("split", Rows.Select(r => r.Split)),
            new StringDataFrameColumn("method", Rows.Select(r => r.Method)),
            new StringDataFrameColumn("label encoder", Rows.Select(r => r.LabelEncoder)),
            new StringDataFrameColumn("label text", Rows.Select(r => r.LabelText)));
        var metrics = new (string Name, Func<ZeroShotRow, MetricSummary> Get)[]
        {
            ("ZSL", r => r.UnseenAmongUnseen), ("S", r => r.Seen), ("U", r => r.Unseen), ("H", r => r.Harmonic),
        };
        foreach (var (name, get) in metrics) frame.Columns.Add(new StringDataFrameColumn(name, Rows.Select(r => get(r).Format(3))));
        foreach (var (name, get) in metrics)
        {
            frame.Columns.Add(new DoubleDataFrameColumn($"{name} mean", Rows.Select(r => get(r).Mean)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{name} std", Rows.Select(r => get(r).StandardDeviation)));
        }
        return frame;
    }

    /// <summary>Writes zero-shot.csv and zero-shot.json into <paramref name="folder"/>, each atomically; returns their paths.</summary>
    public IReadOnlyList<string> Save(string folder)
    {
        var paths = new[] { Path.Combine(folder, "zero-shot.csv"), Path.Combine(folder, "zero-shot.json") };
        RetrievalTable.SaveCsv(ToDataFrame(), paths[0]);
        AtomicFile.WriteAllText(paths[1], JsonSerializer.Serialize(new { Seeds, Seconds, Rows }, RetrievalResult.JsonOptions));
        return paths;
    }
}
