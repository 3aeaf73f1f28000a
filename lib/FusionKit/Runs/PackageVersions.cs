using System.Reflection;
using System.Text.Json.Nodes;
using FusionKit.Charts;
using XPlot.Plotly;

namespace FusionKit.Runs;

/// <summary>
/// The versions of the kit and of the packages its numbers depend on (TorchSharp, ONNX Runtime, XPlot.Plotly,
/// Microsoft.Data.Analysis, plotly.js), as a run folder's config.json records them: a result can be traced to the
/// code that computed it.
/// </summary>
public static class PackageVersions
{
    /// <summary>Assembly or package name -> version (informational version without the source-control suffix).</summary>
    public static JsonObject ToJson()
    {
        var json = new JsonObject { ["FusionKit"] = Of(typeof(RunConfigFile).Assembly) };
        foreach (var type in new[] { typeof(TorchSharp.torch), typeof(Microsoft.ML.OnnxRuntime.InferenceSession), typeof(PlotlyChart), typeof(Microsoft.Data.Analysis.DataFrame) })
            json[type.Assembly.GetName().Name!] = Of(type.Assembly);
        json["plotly.js"] = PlotlyJs.Version;
        return json;
    }

    /// <summary>An assembly's version: its informational version (without "+commit"), else its file or assembly version.</summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
