using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>General line and grouped-bar charts with a title and axis labels.</summary>
public static class GenericCharts
{
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
