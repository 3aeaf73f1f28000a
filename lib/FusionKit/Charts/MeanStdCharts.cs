using Microsoft.Data.Analysis;
using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>
/// Bar charts of tables that hold metrics as mean and std columns over seeds, built from the column names alone, so
/// a metric added to a table gets its chart without code naming it. Error bars are one std (none where std is NaN,
/// i.e. one seed).
/// </summary>
public static class MeanStdCharts
{
    /// <summary>Every numeric mean column with a numeric std partner, in column order.</summary>
    public static IReadOnlyList<MeanStdColumns> Pairs(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var numeric = frame.Columns.Where(c => c is not StringDataFrameColumn and not BooleanDataFrameColumn).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var pairs = new List<MeanStdColumns>();
        foreach (var name in frame.Columns.Select(c => c.Name).Where(numeric.Contains))
        {
            foreach (var separator in new[] { " ", "_", "" })
            {
                var suffix = separator + "mean";
                if (!name.EndsWith(suffix, StringComparison.Ordinal)) continue;
                var metric = name[..^suffix.Length];
                if (separator.Length == 0 && metric.Length > 0) continue; // "xmean" is not a pair's mean column
                if (!numeric.Contains(metric + separator + "std")) continue;
                pairs.Add(new MeanStdColumns(metric, name, metric + separator + "std"));
                break;
            }
        }
        return pairs;
    }

    /// <summary>
    /// Grouped bars of one metric: one group per distinct value of <paramref name="categoryColumns"/> (joined with
    /// " · ", in order of first appearance), one bar series per distinct value of <paramref name="seriesColumns"/>
    /// (one series named after the metric when none), height = mean, error bar = std.
    /// </summary>
    /// <exception cref="ArgumentException">A column that the frame lacks (named), or no rows.</exception>
    public static PlotlyChart Bars(DataFrame frame, MeanStdColumns metric, IReadOnlyList<string> categoryColumns, IReadOnlyList<string> seriesColumns,
                                   string title, string yTitle = "score")
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(categoryColumns);
        ArgumentNullException.ThrowIfNull(seriesColumns);
        foreach (var name in categoryColumns.Concat(seriesColumns).Append(metric.MeanColumn).Append(metric.StdColumn))
            if (!frame.Columns.Any(c => c.Name == name))
                throw new ArgumentException($"The table has no column '{name}'; it has: {string.Join(", ", frame.Columns.Select(c => c.Name))}.", nameof(frame));
        if (frame.Rows.Count == 0) throw new ArgumentException("The table has no rows to chart.", nameof(frame));

        string Label(long row, IReadOnlyList<string> columns) => string.Join(" · ", columns.Select(c => FusionKit.Results.TableJson.Text(frame.Columns[c][row])));
        var rows = Enumerable.Range(0, (int)frame.Rows.Count).Select(r => (long)r).ToArray();
        var categories = rows.Select(r => Label(r, categoryColumns)).Distinct(StringComparer.Ordinal).ToArray();
        var seriesNames = seriesColumns.Count == 0 ? [DisplayName(metric)] : rows.Select(r => Label(r, seriesColumns)).Distinct(StringComparer.Ordinal).ToArray();
        var traces = seriesNames.Select(name =>
        {
            // Only the categories this series has a finite mean for: a gap, never a NaN in the chart's data.
            var points = rows.Where(r => seriesColumns.Count == 0 || Label(r, seriesColumns) == name)
                .Select(r => (Category: Label(r, categoryColumns), Mean: FusionKit.Results.TableJson.Number(frame.Columns[metric.MeanColumn][r]),
                              Std: FusionKit.Results.TableJson.Number(frame.Columns[metric.StdColumn][r])))
                .Where(p => double.IsFinite(p.Mean))
                .ToArray();
            return (Trace)new Bar
            {
                name = name,
                x = points.Select(p => p.Category).ToArray(),
                y = points.Select(p => p.Mean).ToArray(),
                error_y = new Error_y { type = "data", array = points.Select(p => double.IsFinite(p.Std) ? p.Std : 0).ToArray(), visible = true },
            };
        }).ToArray();

        var chart = Chart.Plot(traces, new PlotLayout
        {
            title = title,
            barmode = "group",
            xaxis = new Xaxis { title = string.Join(" · ", categoryColumns), tickangle = categories.Length > 5 ? -30 : 0 },
            yaxis = new Yaxis { title = yTitle },
            margin = new Margin { b = categories.Length > 5 ? 200 : 80, l = categories.Length > 5 ? 140 : 60, r = 20, t = 60 }, // slanted labels reach left
        });
        chart.Width = Math.Clamp(250 + 28 * categories.Length * Math.Max(1, traces.Length), 700, 1150);
        chart.Height = categories.Length > 5 ? 560 : 460;
        return chart;
    }

    /// <summary>One <see cref="Bars"/> chart per mean/std pair of the frame, titled "<paramref name="titlePrefix"/>: metric".</summary>
    public static IReadOnlyList<PlotlyChart> BarsPerMetric(DataFrame frame, IReadOnlyList<string> categoryColumns, IReadOnlyList<string> seriesColumns, string titlePrefix)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Pairs(frame).Select(p => Bars(frame, p, categoryColumns, seriesColumns, $"{titlePrefix}: {DisplayName(p)}", DisplayName(p))).ToArray();
    }

    /// <summary>"macro_f1" -> "macro F1", "accuracy" -> "accuracy"; "" (a long table's pair) -> "value".</summary>
    public static string DisplayName(MeanStdColumns metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Metric.Length == 0 ? "value" : metric.Metric.Replace('_', ' ').Replace("f1", "F1", StringComparison.Ordinal);
    }

    /// <summary>The rows of <paramref name="frame"/> for which <paramref name="keep"/> holds (given the row index).</summary>
    public static DataFrame Where(DataFrame frame, Func<long, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(keep);
        var mask = new BooleanDataFrameColumn("keep", frame.Rows.Count);
        for (long r = 0; r < frame.Rows.Count; r++) mask[r] = keep(r);
        return frame.Filter(mask);
    }
}
