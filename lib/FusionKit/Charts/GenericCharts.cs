using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>General line and grouped-bar charts with a title and axis labels.</summary>
public static class GenericCharts
{
    /// <summary>
    /// Heatmap of a matrix with labelled rows (y, first row at the top) and columns (x), each cell annotated with its
    /// value to two decimals; e.g. pairwise cosine similarities of label embeddings.
    /// </summary>
    public static PlotlyChart Heatmap(double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, string title,
                                      string xTitle = "", string yTitle = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        if (rowLabels.Count != rows || columnLabels.Count != cols)
            throw new ArgumentException($"A {rows}x{cols} matrix needs {rows} row and {cols} column labels; got {rowLabels.Count} and {columnLabels.Count}.", nameof(rowLabels));
        var z = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => values[r, c]).ToArray()).ToArray();
        var annotations = new List<Annotation>();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                annotations.Add(new Annotation
                {
                    text = values[r, c].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    x = columnLabels[c], y = rowLabels[r], xref = "x", yref = "y", showarrow = false,
                });
        var heatmap = new Heatmap { z = z, x = columnLabels.ToArray(), y = rowLabels.ToArray(), colorscale = "Viridis", showscale = true };
        var layout = new XPlot.Plotly.Layout.Layout
        {
            title = title,
            xaxis = new Xaxis { title = xTitle, type = "category" },
            yaxis = new Yaxis { title = yTitle, type = "category", autorange = "reversed" },
            annotations = annotations,
        };
        var chart = Chart.Plot(new[] { heatmap }, layout);
        var side = Math.Clamp(200 + 55 * Math.Max(rows, cols), 450, 900);
        chart.WithSize(side + 150, side);
        return chart;
    }

    /// <summary>A line chart (lines with markers), one trace per series; NaN points are left out.</summary>
    public static PlotlyChart Lines(string title, string xTitle, string yTitle, IEnumerable<LineSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = series.Select(s =>
        {
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.X.Count} x values but {s.Y.Count} y values.", nameof(series));
            var kept = Enumerable.Range(0, s.X.Count).Where(i => double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])).ToArray();
            return (Trace)new Scatter
            {
                name = s.Name,
                mode = "lines+markers",
                x = kept.Select(i => s.X[i]).ToArray(),
                y = kept.Select(i => s.Y[i]).ToArray(),
            };
        }).ToArray();
        if (traces.Length == 0)
            throw new ArgumentException("At least one series is required.", nameof(series));
        return Chart.Plot(traces, new PlotLayout
        {
            title = title,
            xaxis = new Xaxis { title = xTitle },
            yaxis = new Yaxis { title = yTitle },
        });
    }

    /// <summary>Grouped bars: one group per category, one bar per series, optional symmetric error bars.</summary>
    public static PlotlyChart GroupedBars(
        string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IEnumerable<BarSeries> series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var traces = series.Select(s => (Trace)ToBar(s, categories)).ToArray();
        if (traces.Length == 0)
            throw new ArgumentException("At least one series is required.", nameof(series));
        return Chart.Plot(traces, new PlotLayout
        {
            title = title,
            barmode = "group",
            xaxis = new Xaxis { title = xTitle },
            yaxis = new Yaxis { title = yTitle },
        });
    }

    internal static Bar ToBar(BarSeries series, IReadOnlyList<string> categories)
    {
        if (series.Values.Count != categories.Count)
            throw new ArgumentException(
                $"Series '{series.Name}' has {series.Values.Count} values for {categories.Count} categories.", nameof(series));
        if (series.Errors is not null && series.Errors.Count != categories.Count)
            throw new ArgumentException(
                $"Series '{series.Name}' has {series.Errors.Count} errors for {categories.Count} categories.", nameof(series));
        var bar = new Bar { name = series.Name, x = categories.ToArray(), y = series.Values.ToArray() };
        if (series.Errors is not null)
            bar.error_y = new Error_y { type = "data", array = series.Errors.ToArray(), visible = true };
        return bar;
    }
}
