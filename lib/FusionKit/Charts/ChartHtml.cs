using System.Net;
using System.Text;
using XPlot.Plotly;

namespace FusionKit.Charts;

/// <summary>HTML pieces shared by the notebook formatter and the standalone pages.</summary>
internal static class ChartHtml
{
    public static string Div(PlotlyChart chart) =>
        $"<div id=\"{WebUtility.HtmlEncode(chart.Id)}\" style=\"width: {chart.Width}px; height: {chart.Height}px;\"></div>\n";

    /// <summary>A complete offline page: plotly.js inlined once in the head, then each chart's div and script.</summary>
    public static string Page(IReadOnlyList<PlotlyChart> charts, string pageTitle)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n<title>")
            .Append(WebUtility.HtmlEncode(pageTitle)).Append("</title>\n")
            .Append("<!-- plotly.js ").Append(PlotlyJs.Version).Append(" (MIT licence), inlined for offline use -->\n")
            .Append("<script type=\"text/javascript\">\n").Append(PlotlyJs.Source).Append("\n</script>\n")
            // the tool bar shows on hover only, so PNG screenshots do not carry it over the titles
            .Append("<style>body { font-family: sans-serif; background: white; margin: 8px; } ")
            .Append(".js-plotly-plot .modebar { opacity: 0; } .js-plotly-plot:hover .modebar { opacity: 1; }</style>\n")
            .Append("</head>\n<body>\n");
        foreach (var chart in charts)
        {
            html.Append(Div(chart))
                .Append("<script type=\"text/javascript\">\n").Append(chart.GetPlottingJS()).Append("\n</script>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
