using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using XPlot.Plotly;

namespace FusionKit.Charts;

/// <summary>Reads back the trace and layout JSON that XPlot.Plotly writes for a chart.</summary>
internal static partial class ChartJson
{
    [GeneratedRegex(@"var data = (?<data>.*?);\s*var layout = (?<layout>.*?);\s*Plotly\.newPlot", RegexOptions.Singleline)]
    private static partial Regex PlottingScript();

    /// <summary>The chart's traces (a JSON array) and layout (a JSON object).</summary>
    public static (JsonArray Traces, JsonObject Layout) Parse(PlotlyChart chart)
    {
        var script = chart.GetPlottingJS();
        var match = PlottingScript().Match(script);
        if (!match.Success)
            throw new InvalidOperationException("Unexpected plotting script from XPlot.Plotly: " + script[..Math.Min(200, script.Length)]);
        return (JsonNode.Parse(match.Groups["data"].Value)!.AsArray(), JsonNode.Parse(match.Groups["layout"].Value)!.AsObject());
    }
}
