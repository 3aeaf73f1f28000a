using System.Globalization;
using FusionKit.Evaluation;
using XPlot.Plotly;
using PlotLayout = XPlot.Plotly.Layout.Layout;

namespace FusionKit.Charts;

/// <summary>Charts of a classifier's evaluation: confusion-matrix heatmap and per-class F1 bars.</summary>
public static class EvaluationCharts
{
    /// <summary>
    /// Heatmap of a confusion matrix: true classes on the y axis (first class at the top, as scikit-learn's
    /// ConfusionMatrixDisplay), predicted classes on the x axis, each cell annotated with its count (or fraction
    /// when normalised) and described in the hover text.
    /// </summary>
    public static PlotlyChart ConfusionMatrix(
        ConfusionMatrix matrix, ConfusionNormalization normalization = ConfusionNormalization.None, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var k = matrix.ClassCount;
        var values = matrix.Normalized(normalization);
        var names = matrix.ClassNames.ToArray();
        string Label(int r, int c) => normalization == ConfusionNormalization.None
            ? matrix[r, c].ToString(CultureInfo.InvariantCulture)
            : values[r, c].ToString("0.00", CultureInfo.InvariantCulture);

        var z = Enumerable.Range(0, k).Select(r => Enumerable.Range(0, k).Select(c => values[r, c]).ToArray()).ToArray();
        var hover = Enumerable.Range(0, k)
            .Select(r => Enumerable.Range(0, k)
                .Select(c => $"true: {names[r]}<br>predicted: {names[c]}<br>count: {matrix[r, c].ToString(CultureInfo.InvariantCulture)}"
                             + (normalization == ConfusionNormalization.None ? "" : "<br>fraction: " + Label(r, c)))
                .ToArray())
            .ToArray();
        var max = z.SelectMany(row => row).DefaultIfEmpty(0).Max();
        var annotations = new List<Annotation>();
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < k; c++)
            {
                annotations.Add(new Annotation
                {
                    text = Label(r, c),
                    x = names[c],
                    y = names[r],
                    xref = "x",
                    yref = "y",
                    showarrow = false,
                    font = new Font { color = max > 0 && values[r, c] > max / 2 ? "white" : "black" },
                });
            }
        }

        var heatmap = new Heatmap
        {
            z = z,
            x = names,
            y = names,
            text = hover,
            hoverinfo = "text",
            colorscale = "Blues",
            reversescale = true, // plotly's "Blues" runs dark to light; reversed, large counts are dark.
            showscale = true,
        };
        var layout = new PlotLayout
        {
            title = title,
            xaxis = new Xaxis { title = "predicted class", type = "category" },
            yaxis = new Yaxis { title = "true class", type = "category", autorange = "reversed" },
            annotations = annotations,
        };
        var chart = Chart.Plot(new[] { heatmap }, layout);
        var side = Math.Clamp(200 + 55 * k, 450, 900);
        chart.WithSize(side + 150, side);
        return chart;
    }

    /// <summary>Bar chart of each class's F1 (value written on the bar; NaN drawn as 0) with a dashed line at the macro average.</summary>
    public static PlotlyChart PerClassF1(ClassificationReport report, string title = "F1 per class")
    {
        ArgumentNullException.ThrowIfNull(report);
        var names = report.Classes.Select(c => c.Name).ToArray();
        var bar = new Bar
        {
            name = "F1",
            x = names,
            y = report.Classes.Select(c => double.IsNaN(c.F1) ? 0 : c.F1).ToArray(),
            text = report.Classes.Select(c => Fixed(c.F1)).ToArray(),
        };
        var macro = new Scatter
        {
            name = "macro avg " + Fixed(report.MacroAverage.F1),
            mode = "lines",
            x = names,
            y = names.Select(_ => report.MacroAverage.F1).ToArray(),
            line = new Line { dash = "dash", color = "#d62728" },
        };
        return Chart.Plot(new Trace[] { bar, macro }, new PlotLayout
        {
            title = title,
            xaxis = new Xaxis { title = "class" },
            yaxis = new Yaxis { title = "F1", range = new[] { 0.0, 1.0 } },
        });
    }

    private static string Fixed(double value) =>
        double.IsNaN(value) ? "nan" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
