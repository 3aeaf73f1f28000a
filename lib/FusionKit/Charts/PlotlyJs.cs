using System.Reflection;

namespace FusionKit.Charts;

/// <summary>
/// The plotly.js bundle embedded in this assembly: npm <c>plotly.js-dist-min</c> 2.35.3, MIT licence
/// (Charts/plotly.min.js.LICENSE.txt). 2.x because XPlot.Plotly 4.1.0 writes titles as plain strings, which
/// plotly.js 3 no longer accepts.
/// </summary>
public static class PlotlyJs
{
    /// <summary>Version of the embedded plotly.js.</summary>
    public const string Version = "2.35.3";

    private const string ResourceName = "FusionKit.Charts.plotly.min.js";

    private static readonly Lazy<string> source = new(Load);

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => source.Value;

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from FusionKit.dll.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
