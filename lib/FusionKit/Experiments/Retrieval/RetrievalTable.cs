using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.Retrieval;

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
