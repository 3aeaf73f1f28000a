using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace FusionKit.Charts;

/// <summary>
/// Renders <see cref="PlotlyChart"/> values as HTML in .NET Interactive notebooks (XPlot.Plotly 4.1.0 ships no
/// formatter, so a chart would print as a property tree). The first chart formatted in a process carries the
/// embedded plotly.js inline (no CDN, no require.js); later charts wait for <c>window.Plotly</c>.
/// </summary>
public static class ChartFormatter
{
    private static int plotlyEmitted;

    /// <summary>Registers the HTML formatter for <see cref="PlotlyChart"/>; safe to call more than once.</summary>
    public static void Register() =>
        Formatter.Register<PlotlyChart>((chart, writer) => writer.Write(ToNotebookHtml(chart)), HtmlFormatter.MimeType);

    /// <summary>
    /// Notebook HTML for a chart: a div and a script that draws into it once plotly.js is loaded; the first call
    /// in the process also inlines plotly.js, with AMD/CommonJS hidden so it always sets <c>window.Plotly</c>.
    /// </summary>
    public static string ToNotebookHtml(PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = new StringBuilder();
        if (Interlocked.Exchange(ref plotlyEmitted, 1) == 0)
            html.Append("<script type=\"text/javascript\">(function(define, exports, module) {\n")
                .Append(PlotlyJs.Source)
                .Append("\n})();</script>\n");
        html.Append(ChartHtml.Div(chart))
            .Append("<script type=\"text/javascript\">(function() {\n")
            .Append("  var draw = function() {\n").Append(chart.GetPlottingJS()).Append("\n  };\n")
            .Append("  if (window.Plotly) { draw(); return; }\n")
            .Append("  var tries = 0, timer = setInterval(function() {\n")
            .Append("    if (window.Plotly) { clearInterval(timer); draw(); } else if (++tries > 300) { clearInterval(timer); }\n")
            .Append("  }, 100);\n")
            .Append("})();</script>\n");
        return html.ToString();
    }

    /// <summary>Makes the next <see cref="ToNotebookHtml"/> inline plotly.js again (e.g. after outputs were cleared).</summary>
    public static void ResetPlotlyInclusion() => Interlocked.Exchange(ref plotlyEmitted, 0);

    // A library module initializer is deliberate here: a dll referenced by path from a notebook gets no kernel
    // extension, and registering a formatter is harmless outside a notebook (docs/platform.md, Notebooks).
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void RegisterOnLoad()
#pragma warning restore CA2255
    {
        try
        {
            RegisterCore();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            // Microsoft.DotNet.Interactive.Formatting is not deployed with this host: nothing to register with.
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterCore() => Register();
}
