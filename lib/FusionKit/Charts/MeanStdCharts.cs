using FusionKit.Results;
using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>
/// Bar charts of result tables (<see cref="ResultTable"/>: setting columns plus metric, mean, std, n), read by type:
/// a metric added to a table gets its chart without code naming it. Error bars are one std (none where std is
/// missing, i.e. one seed); a missing mean leaves a gap.
/// </summary>
public static class MeanStdCharts
{
    /// <summary>
    /// Grouped bars of the table's rows (filter to one metric first, e.g. <see cref="ResultTable.OfMetric"/>, unless the
    /// categories or series name "metric"): one group per distinct value of <paramref name="categoryColumns"/> (joined
    /// with " · ", in order of first appearance), one bar series per distinct value of <paramref name="seriesColumns"/>
    /// (one series named <paramref name="yTitle"/> when none), height = mean, error bar = std. Columns are setting
    /// columns or <see cref="ResultTable.MetricColumn"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A column that the table lacks (named), or no rows.</exception>
    public static PlotlyChart Bars(ResultTable table, IReadOnlyList<string> categoryColumns, IReadOnlyList<string> seriesColumns,
                                   string title, string yTitle = "score")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(categoryColumns);
        ArgumentNullException.ThrowIfNull(seriesColumns);
        foreach (var name in categoryColumns.Concat(seriesColumns))
            if (name != ResultTable.MetricColumn && !table.HasSetting(name))
                throw new ArgumentException($"The table has no column '{name}'; it has: {string.Join(", ", table.SettingColumns.Append(ResultTable.MetricColumn))}.", nameof(table));
        if (table.Rows.Count == 0) throw new ArgumentException("The table has no rows to chart.", nameof(table));

        string Label(ResultRow row, IReadOnlyList<string> columns) => string.Join(" · ", columns.Select(c => table.Cell(row, c)));
        var categories = table.Rows.Select(r => Label(r, categoryColumns)).Distinct(StringComparer.Ordinal).ToArray();
        var seriesNames = seriesColumns.Count == 0 ? [yTitle] : table.Rows.Select(r => Label(r, seriesColumns)).Distinct(StringComparer.Ordinal).ToArray();
        var traces = seriesNames.Select(name =>
        {
            // Only the categories this series has a mean for: a gap, never a NaN in the chart's data.
            var points = table.Rows.Where(r => seriesColumns.Count == 0 || Label(r, seriesColumns) == name)
                .Where(r => double.IsFinite(r.Mean))
                .Select(r => (Category: Label(r, categoryColumns), r.Mean, r.Std))
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

    /// <summary>One <see cref="Bars"/> chart per metric of the table (in order), titled "<paramref name="titlePrefix"/>: metric".</summary>
    public static IReadOnlyList<PlotlyChart> BarsPerMetric(ResultTable table, IReadOnlyList<string> categoryColumns, IReadOnlyList<string> seriesColumns, string titlePrefix)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Metrics.Select(m => Bars(table.OfMetric(m), categoryColumns, seriesColumns, $"{titlePrefix}: {DisplayName(m)}", DisplayName(m))).ToArray();
    }

    /// <summary>A metric's name for titles and headers: "macro_f1" -> "macro F1", "accuracy" -> "accuracy", "H cal" as is.</summary>
    public static string DisplayName(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Replace('_', ' ').Replace("f1", "F1", StringComparison.Ordinal);
    }
}
