using System.Text;
using FusionKit.Evaluation;
using FusionKit.Results;
using Microsoft.Data.Analysis;

namespace FusionKit.Charts;

/// <summary>
/// Result tables as text, for any experiment: the setting columns, then every metric as "mean ± std"
/// (<see cref="Headline"/>), and a frame as an aligned plain-text table (<see cref="Text(DataFrame)"/>).
/// </summary>
public static class TableText
{
    /// <summary>
    /// The setting columns as they are, then one text column per mean/std pair (<see cref="MeanStdCharts.Pairs"/>),
    /// "0.912 ± 0.004" (<see cref="MetricSummary.Format"/>; "± n/a" for one seed), named by the metric ("value" for a long table).
    /// </summary>
    /// <exception cref="ArgumentException">A setting column the table lacks.</exception>
    public static DataFrame Headline(DataFrame table, IReadOnlyList<string> settingColumns, int digits = 3)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settingColumns);
        var rows = Enumerable.Range(0, (int)table.Rows.Count).Select(r => (long)r).ToArray();
        var headline = new DataFrame();
        foreach (var name in settingColumns)
        {
            if (!table.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"The table has no column '{name}'; it has: {string.Join(", ", table.Columns.Select(c => c.Name))}.", nameof(table));
            headline.Columns.Add(new StringDataFrameColumn(name, rows.Select(r => TableJson.Text(table.Columns[name][r]))));
        }
        foreach (var pair in MeanStdCharts.Pairs(table))
        {
            var count = table.Columns.Any(c => c.Name == "seeds") ? (Func<long, int>)(r => (int)TableJson.Number(table.Columns["seeds"][r])) : _ => 0;
            headline.Columns.Add(new StringDataFrameColumn(MeanStdCharts.DisplayName(pair), rows.Select(r =>
                double.IsNaN(TableJson.Number(table.Columns[pair.MeanColumn][r]))
                    ? "n/a" // e.g. the ablation of a single-modality baseline
                    : new MetricSummary(TableJson.Number(table.Columns[pair.MeanColumn][r]), TableJson.Number(table.Columns[pair.StdColumn][r]), count(r)).Format(digits))));
        }
        return headline;
    }

    /// <summary>A frame as an aligned plain-text table (header, rule, rows), each line ending in a newline.</summary>
    public static string Text(DataFrame frame) => Text(frame, null, rule: true);

    /// <summary>
    /// The named columns of a frame (null: all) as an aligned plain-text table: the header, a rule of dashes when
    /// <paramref name="rule"/>, then the rows; cells in invariant culture, each line ending in a newline.
    /// </summary>
    public static string Text(DataFrame frame, IReadOnlyList<string>? columns, bool rule)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var names = columns?.ToArray() ?? frame.Columns.Select(c => c.Name).ToArray();
        var cells = new List<string[]> { names };
        for (long r = 0; r < frame.Rows.Count; r++) cells.Add(names.Select(n => TableJson.Text(frame.Columns[n][r])).ToArray());
        var widths = names.Select((_, i) => cells.Max(row => row[i].Length)).ToArray();
        if (rule) cells.Insert(1, widths.Select(w => new string('-', w)).ToArray());
        var text = new StringBuilder();
        foreach (var row in cells) text.AppendJoin("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).Append('\n');
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd()));
    }
}
