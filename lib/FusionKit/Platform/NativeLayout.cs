using System.Reflection;

namespace FusionKit.Platform;

/// <summary>
/// Where TorchSharp's binding library and libtorch live: beside the program (a build output folder) or in
/// the NuGet package cache (a notebook's <c>#r "nuget: TorchSharp-cpu"</c>).
/// </summary>
internal sealed record NativeLayout(string LibTorchSharp, string LibtorchDirectory, string? ConsolidatedDirectory = null)
{
    private static readonly string[] LibtorchLoadOrder = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    public IEnumerable<string> LibtorchLibraries() =>
        LibtorchLoadOrder.Select(n => Path.Combine(LibtorchDirectory, n)).Where(File.Exists);

    public static NativeLayout? Locate(Assembly torchSharp) => Locate(torchSharp.Location, AppContext.BaseDirectory);

    /// <summary>Finds the natives for TorchSharp.dll at <paramref name="torchSharpPath"/> run by a program in <paramref name="appDirectory"/>.</summary>
    public static NativeLayout? Locate(string torchSharpPath, string appDirectory)
    {
        foreach (var dir in CandidateDirectories(torchSharpPath, appDirectory))
        {
            var binding = Path.Combine(dir, "libLibTorchSharp.so");
            if (!File.Exists(binding)) continue;
            if (File.Exists(Path.Combine(dir, "libtorch_cpu.so"))) return new NativeLayout(binding, dir);
            var libtorch = FindPackageLibtorch(torchSharpPath);
            // TorchSharp's own fallback for package layouts consolidates the natives into <TorchSharp.dll dir>/cpu.
            if (libtorch is not null) return new NativeLayout(binding, libtorch, Path.Combine(Path.GetDirectoryName(torchSharpPath)!, "cpu"));
        }
        return null;
    }

    private static IEnumerable<string> CandidateDirectories(string torchSharpPath, string appDirectory)
    {
        yield return appDirectory;
        var assemblyDir = Path.GetDirectoryName(torchSharpPath);
        if (string.IsNullOrEmpty(assemblyDir)) yield break;
        yield return assemblyDir;
        // NuGet layout: torchsharp/<v>/lib/<tfm>/TorchSharp.dll and torchsharp/<v>/runtimes/linux-x64/native/.
        yield return Path.GetFullPath(Path.Combine(assemblyDir, "..", "..", "runtimes", "linux-x64", "native"));
    }

    private static string? FindPackageLibtorch(string torchSharpPath)
    {
        var assemblyDir = Path.GetDirectoryName(torchSharpPath);
        if (string.IsNullOrEmpty(assemblyDir)) return null;
        // torchsharp/<v>/lib/<tfm> -> packages root -> libtorch-cpu-linux-x64/<v>/runtimes/linux-x64/native
        var packagesRoot = Path.GetFullPath(Path.Combine(assemblyDir, "..", "..", "..", ".."));
        var package = Path.Combine(packagesRoot, "libtorch-cpu-linux-x64");
        if (!Directory.Exists(package)) return null;
        return Directory.GetDirectories(package)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "runtimes", "linux-x64", "native"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "libtorch_cpu.so")));
    }

    /// <summary>A libtorch_cpu.so other than ours that the dynamic loader could pick by name, or null.</summary>
    public static string? FindStrayLibtorch(NativeLayout layout)
    {
        var ours = Path.GetFullPath(Path.Combine(layout.LibtorchDirectory, "libtorch_cpu.so"));
        var dirs = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib", "/lib/x86_64-linux-gnu"]);
        foreach (var dir in dirs.Distinct(StringComparer.Ordinal))
        {
            var candidate = Path.Combine(dir, "libtorch_cpu.so");
            if (File.Exists(candidate) && !string.Equals(Path.GetFullPath(candidate), ours, StringComparison.Ordinal))
                return candidate;
        }
        return null;
    }
}
