using FusionKit.Training;
using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>Training curves: loss (left panel) and accuracy (right panel) per epoch, train vs validation.</summary>
public static class TrainingCharts
{
    private const string TrainColor = "#1f77b4";
    private const string ValidationColor = "#ff7f0e";

    /// <summary>
    /// One chart with two side-by-side panels: loss per epoch and accuracy per epoch, each with a train and a
    /// validation line (from <see cref="TrainingHistory.Epochs"/>). Missing or NaN values are left out; a line with no values at all is omitted.
    /// </summary>
    public static PlotlyChart Curves(IReadOnlyList<EpochRecord> records, string title = "Training curves")
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
            throw new ArgumentException("At least one epoch record is required.", nameof(records));

        var traces = new[]
        {
            Line(records, r => r.TrainLoss, "train loss", TrainColor, "x", "y", dash: null),
            Line(records, r => r.ValidationLoss ?? double.NaN, "validation loss", ValidationColor, "x", "y", dash: null),
            Line(records, r => r.TrainAccuracy, "train accuracy", TrainColor, "x2", "y2", dash: "dot"),
            Line(records, r => r.ValidationAccuracy ?? double.NaN, "validation accuracy", ValidationColor, "x2", "y2", dash: "dot"),
        }.OfType<Trace>().ToArray();

        var layout = new PlotLayout
        {
            title = title,
            xaxis = new Xaxis { title = "epoch", domain = new[] { 0.0, 0.45 }, anchor = "y" },
            yaxis = new Yaxis { title = "loss", anchor = "x" },
            xaxis2 = new Xaxis { title = "epoch", domain = new[] { 0.55, 1.0 }, anchor = "y2" },
            yaxis2 = new Yaxis { title = "accuracy", anchor = "x2" },
            annotations = new[] { PanelTitle("Loss", 0.225), PanelTitle("Accuracy", 0.775) },
        };
        var chart = Chart.Plot(traces, layout);
        chart.WithSize(1000, 450);
        return chart;
    }

    private static Scatter? Line(
        IReadOnlyList<EpochRecord> records, Func<EpochRecord, double> value, string name, string color,
        string xAxis, string yAxis, string? dash)
    {
        var points = records.Where(r => double.IsFinite(value(r))).ToArray();
        if (points.Length == 0) return null;
        var line = new Line { color = color };
        if (dash is not null) line.dash = dash;
        return new Scatter
        {
            name = name,
            mode = "lines+markers",
            x = points.Select(r => r.Epoch).ToArray(),
            y = points.Select(value).ToArray(),
            xaxis = xAxis,
            yaxis = yAxis,
            line = line,
        };
    }

    private static Annotation PanelTitle(string text, double x) => new()
    {
        text = "<b>" + text + "</b>",
        xref = "paper",
        yref = "paper",
        x = x,
        y = 1.0,
        xanchor = "center",
        yanchor = "bottom",
        showarrow = false,
    };
}
