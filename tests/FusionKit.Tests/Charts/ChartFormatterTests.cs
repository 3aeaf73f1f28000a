using FusionKit.Charts;
using Microsoft.DotNet.Interactive.Formatting;

namespace FusionKit.Tests.Charts;

public class ChartFormatterTests
{
    [Fact]
    public void NotebookHtml_InlinesPlotlyOnlyInTheFirstChart_NoCdn()
    {
        var chart = GenericCharts.Lines("t", "x", "y", [new LineSeries("a", [1, 2], [3, 4])]);
        ChartFormatter.ResetPlotlyInclusion();

        var first = ChartFormatter.ToNotebookHtml(chart);
        var second = ChartFormatter.ToNotebookHtml(chart);

        Assert.Contains(PlotlyJs.Source, first, StringComparison.Ordinal);
        Assert.DoesNotContain(PlotlyJs.Source, second, StringComparison.Ordinal);
        Assert.True(second.Length < 5000);
        foreach (var html in new[] { first, second })
        {
            Assert.Contains($"<div id=\"{chart.Id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"Plotly.newPlot('{chart.Id}'", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"<script[^>]*\bsrc\s*=", html);
        }
    }

    [Fact]
    public void Formatter_RendersPlotlyChartAsHtml()
    {
        // Building a chart loads FusionKit, whose module initializer registers the formatter.
        var chart = GenericCharts.Lines("t", "x", "y", [new LineSeries("a", [1, 2], [3, 4])]);

        var html = chart.ToDisplayString(HtmlFormatter.MimeType);
        ChartFormatter.Register();
        var again = chart.ToDisplayString(HtmlFormatter.MimeType);

        foreach (var text in new[] { html, again })
        {
            Assert.Contains($"<div id=\"{chart.Id}\"", text, StringComparison.Ordinal);
            Assert.Contains("Plotly.newPlot", text, StringComparison.Ordinal);
        }
    }
}
