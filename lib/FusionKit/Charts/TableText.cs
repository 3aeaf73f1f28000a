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
    /// The result table in its wide headline form: one row per distinct setting (in order of first appearance), the
    /// named setting columns, then one text column per metric (in order), "0.912 ± 0.004" (<see cref="MetricSummary.Format"/>;
    /// "± n/a" for one seed), named by the metric (<see cref="MeanStdCharts.DisplayName"/>); "n/a" where the mean is
    /// missing, "" where the setting has no row of that metric.
    /// </summary>
    /// <exception cref="ArgumentException">A setting column the table lacks.</exception>
    public static DataFrame Headline(ResultTable table, IReadOnlyList<string> settingColumns, int digits = 3)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settingColumns);
        foreach (var name in settingColumns)
            if (!table.HasSetting(name))
                throw new ArgumentException($"The table has no setting column '{name}'; it has: {string.Join(", ", table.SettingColumns)}.", nameof(settingColumns));
        static string Key(ResultRow row) => string.Join('\u001f', row.Settings);
        var settings = table.Rows.GroupBy(Key, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        var headline = new DataFrame();
        foreach (var name in settingColumns)
            headline.Columns.Add(new StringDataFrameColumn(name, settings.Select(r => table.Cell(r, name))));
        foreach (var metric in table.Metrics)
        {
            var byKey = table.Rows.Where(r => r.Metric == metric).GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            headline.Columns.Add(new StringDataFrameColumn(MeanStdCharts.DisplayName(metric), settings.Select(s =>
                !byKey.TryGetValue(Key(s), out var row) ? ""
                : double.IsNaN(row.Mean) ? "n/a" // e.g. the ablation of a single-modality baseline
                : row.Summary.Format(digits))));
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
