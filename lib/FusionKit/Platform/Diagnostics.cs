using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace FusionKit.Platform;

/// <summary>Checks what the kit needs on this machine; each check says what it found or what is missing.</summary>
public static class Diagnostics
{
    /// <summary>Extra checks contributed by other areas (data, models), evaluated after the built-in ones.</summary>
    private static readonly List<Func<IEnumerable<DiagnosticCheck>>> Contributors = [];

    public static void AddContributor(Func<IEnumerable<DiagnosticCheck>> contributor) => Contributors.Add(contributor);

    public static IReadOnlyList<DiagnosticCheck> Run()
    {
        var checks = new List<DiagnosticCheck>
        {
            new(".NET", true, $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})"),
            Package("TorchSharp", typeof(torch).Assembly),
            Package("ONNX Runtime", typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly),
            Package("ImageSharp", typeof(SixLabors.ImageSharp.Image).Assembly),
            Package("Microsoft.Data.Analysis", typeof(Microsoft.Data.Analysis.DataFrame).Assembly),
            Package("XPlot.Plotly", typeof(XPlot.Plotly.PlotlyChart).Assembly),
            Package("ML Tokenizers", typeof(Microsoft.ML.Tokenizers.BertTokenizer).Assembly),
        };
        checks.AddRange(Torch());
        foreach (var contributor in Contributors)
        {
            try
            {
                checks.AddRange(contributor());
            }
            catch (Exception e)
            {
                checks.Add(new DiagnosticCheck("check", false, e.Message));
            }
        }
        return checks;
    }

    private static DiagnosticCheck Package(string name, Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
                      ?? assembly.GetName().Version?.ToString() ?? "?";
        return new DiagnosticCheck(name, true, version);
    }

    private static IEnumerable<DiagnosticCheck> Torch()
    {
        PlatformReport report;
        var notices = TorchRuntime.Notices;
        try
        {
            TorchRuntime.Notices = TextWriter.Null; // doctor prints the adjustments itself
            report = TorchRuntime.EnsureReady();
        }
        catch (InvalidOperationException e)
        {
            return [new DiagnosticCheck("torch natives", false, e.Message)];
        }
        finally
        {
            TorchRuntime.Notices = notices;
        }
        var list = new List<DiagnosticCheck>
        {
            new("torch natives", true, report.Adjustments.Count == 0 ? "loaded as shipped" : $"loaded after {report.Adjustments.Count} adjustment(s)"),
        };
        list.AddRange(report.Adjustments.Select(a => new DiagnosticCheck("  adjusted", true, a)));
        var (device, reason) = ComputeDevices.Resolve(ComputeDevice.Auto);
        list.Add(new DiagnosticCheck("torch device", true, $"{ComputeDevices.Name(device)} ({reason}); libtorch build: {ComputeDevices.LibTorchBuild()}"));
        list.Add(new DiagnosticCheck("torch threads", true, $"{torch.get_num_threads()} (of {Environment.ProcessorCount} cores)"));
        list.Add(MklCodePath());
        return list;
    }

    /// <summary>Which of oneMKL's code paths products take here: after one product, whether oneMKL asked the kit's answer to
    /// its vendor question (<see cref="MklVendorCheck"/>).</summary>
    private static DiagnosticCheck MklCodePath()
    {
        using (var a = torch.ones(8, 8)) using (a.matmul(a)) { } // oneMKL chooses its code path at its first product
        if (!MklVendorCheck.Wanted(out var reason)) return new DiagnosticCheck("oneMKL code path", true, $"oneMKL's own choice ({reason})");
        return MklVendorCheck.Answers > 0
            ? new DiagnosticCheck("oneMKL code path", true, $"by the processor's features: AVX-512 kernels ({reason}; {MklVendorCheck.Switch}=0 keeps oneMKL's AVX2 path)")
            : new DiagnosticCheck("oneMKL code path", false, MklVendorCheck.Unpatched is { } why
                ? $"AVX2 kernels: the kit could not answer oneMKL's vendor question ({why})"
                : "AVX2 kernels: oneMKL chose before the kit could answer its vendor question (a tensor product ran before the kit loaded TorchSharp)");
    }
}
