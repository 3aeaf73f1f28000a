using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Evaluation;
using Microsoft.Data.Analysis;
using FusionKit.Text;

namespace FusionKit.Experiments;

/// <summary>One metric of one setting, summarised over seeds.</summary>
/// <param name="Task">What was measured, e.g. "classification retrieval" or "joint space (descriptions)".</param>
/// <param name="Setting">The direction or variant, e.g. "text->image".</param>
/// <param name="Metric">The metric's name, e.g. "R@1", "mAP", "median rank".</param>
/// <param name="Summary">Mean ± sample std over the seeds.</param>
/// <param name="TextSource">Where the row's text came from; null for a row that reads no text (image->image).</param>
public sealed record RetrievalTableRow(string Task, string Setting, string Metric, MetricSummary Summary,
                                       [property: JsonIgnore] TextSource? TextSource = null)
{
    /// <summary>The row's <see cref="TextSources.ColumnName"/> value: <see cref="TextSources.Name"/>, or <see cref="TextSources.None"/>.</summary>
    [JsonPropertyName(TextSources.ColumnName)]
    public string TextSourceName => TextSource is { } source ? TextSources.Name(source) : TextSources.None;
}

/// <summary>Long tables of <see cref="RetrievalTableRow"/>s: as a DataFrame, as CSV, written atomically.</summary>
public static class RetrievalTable
{
    /// <summary>
    /// Columns "task", "setting", "metric", "mean", "std" (NaN for one seed), "seeds", "value" ("0.912 ± 0.004") and
    /// <see cref="TextSources.ColumnName"/> ("simulated", "label", "manifest"; <see cref="TextSources.None"/> for a row that reads no text).
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<RetrievalTableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DataFrame(
            new StringDataFrameColumn("task", rows.Select(r => r.Task)),
            new StringDataFrameColumn("setting", rows.Select(r => r.Setting)),
            new StringDataFrameColumn("metric", rows.Select(r => r.Metric)),
            new DoubleDataFrameColumn("mean", rows.Select(r => r.Summary.Mean)),
            new DoubleDataFrameColumn("std", rows.Select(r => r.Summary.StandardDeviation)),
            new Int32DataFrameColumn("seeds", rows.Select(r => r.Summary.Count)),
            new StringDataFrameColumn("value", rows.Select(r => r.Summary.Format(3))),
            new StringDataFrameColumn(TextSources.ColumnName, rows.Select(r => r.TextSourceName)));
    }
}
