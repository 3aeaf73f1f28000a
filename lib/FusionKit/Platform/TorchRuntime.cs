using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace FusionKit.Platform;

/// <summary>
/// Makes TorchSharp's native libraries load on this machine, and says what it adjusted. Call
/// <see cref="EnsureReady"/> before the first torch call (every TorchSharp entry point of the kit does).
/// <list type="bullet">
/// <item>TorchSharp 0.107.0's libLibTorchSharp.so requires GLIBCXX_3.4.32 (GCC 13's libstdc++); Debian 12 and
/// Ubuntu 22.04 ship up to 3.4.30. Where the system lacks it, a copy with that requirement marked weak is
/// written to the kit's native cache and loaded instead (its only symbol is used by no relocation).</item>
/// <item>A system libtorch on the loader path (e.g. Debian's libtorch-dev) could be picked instead of the
/// package's; the package's libc10/libtorch_cpu/libtorch are then loaded by full path first.</item>
/// <item>NNPACK fails to initialise on some VMs and floods stderr; it is switched off.</item>
/// <item>oneMKL is asked for reproducible results (MKL_CBWR=AUTO,STRICT) unless MKL_CBWR is set: without it, results on
/// an AMD EPYC depended on where tensors lay in memory.</item>
/// <item>On AMD processors with AVX-512, oneMKL is let use its AVX-512 kernels (<see cref="MklVendorCheck"/>; it would take its
/// AVX2 path for them); set FUSIONKIT_MKL_AVX512=0 to keep oneMKL's own choice.</item>
/// <item>glibc malloc is told not to mmap/trim large blocks, which made tensor work several times faster on
/// the VMs measured (docs/platform.md, Memory allocation); set FUSIONKIT_MALLOC_TUNING=0 to keep glibc's defaults.</item>
/// </list>
/// Nothing is changed where it is not needed; each adjustment is reported once.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static PlatformReport? _report;

    /// <summary>Where adjustment notices are written (once per process). Defaults to standard error.</summary>
    public static TextWriter Notices { get; set; } = Console.Error;

    /// <summary>The adjustments made by <see cref="EnsureReady"/>, or null before it ran.</summary>
    public static PlatformReport? Report => _report;

    /// <summary>Loads TorchSharp's natives, adjusting what this system needs. Idempotent and thread-safe.</summary>
    /// <exception cref="InvalidOperationException">The natives cannot be made to load; the message says why.</exception>
    public static PlatformReport EnsureReady()
    {
        lock (Gate)
        {
            if (_report is not null) return _report;
            var adjustments = new List<string>();
            if (OperatingSystem.IsLinux())
            {
                TuneMalloc(adjustments);
                PinMklResults(adjustments);
                PrepareLinuxNatives(adjustments);
            }
            try
            {
                // Forces TorchSharp's own native initialisation now, so failures surface here with context.
                _ = torch.get_num_threads();
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
            {
                throw new InvalidOperationException(
                    $"TorchSharp's native library failed to load: {Innermost(e).Message}. Run `fusionkit doctor` for details.", e);
            }
            if (MklVendorCheck.Patch(out _) is { } patched) adjustments.Add(patched);
            if (NativeSwitches.DisableNnpack()) adjustments.Add("NNPACK switched off (it fails to initialise on many VMs and floods stderr; convolutions use the other CPU kernels).");
            _report = new PlatformReport(adjustments);
            foreach (var line in adjustments) Notices.WriteLine($"fusionkit: {line}");
            return _report;
        }
    }

    private static void TuneMalloc(List<string> adjustments)
    {
        if (Environment.GetEnvironmentVariable("FUSIONKIT_MALLOC_TUNING") == "0") return;
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") is not null) return; // the user chose already
        if (NativeSwitches.TuneGlibcMalloc())
            adjustments.Add("glibc malloc set not to mmap/trim large blocks (tensor work is several times faster on such VMs; FUSIONKIT_MALLOC_TUNING=0 disables).");
    }

    /// <summary>The oneMKL setting the kit asks for: reproducible results on the processor's best code path.</summary>
    public const string MklReproducibility = "AUTO,STRICT";

    /// <summary>
    /// libtorch's bundled oneMKL may return different last bits for the same product depending on where its operands lie
    /// in memory (measured on an AMD EPYC: two identical zero-shot trainings in one process chose calibration γs 1e-8
    /// apart); the kit's results are promised identical for identical seeds. oneMKL's conditional numerical
    /// reproducibility in strict mode (MKL_CBWR=AUTO,STRICT) removes that dependence; the head's training speed did not
    /// change measurably (docs/platform.md). Set before libtorch loads; a user's own MKL_CBWR is kept.
    /// </summary>
    private static void PinMklResults(List<string> adjustments)
    {
        if (Environment.GetEnvironmentVariable("MKL_CBWR") is not null) return; // the user chose already
        if (NativeSwitches.SetNativeEnvironment("MKL_CBWR", MklReproducibility))
            adjustments.Add($"oneMKL set to reproducible results (MKL_CBWR={MklReproducibility}): the same seeds give the same bits wherever tensors lie in memory.");
    }

    private static void PrepareLinuxNatives(List<string> adjustments)
    {
        var layout = NativeLayout.Locate(typeof(torch).Assembly);
        if (layout is null) return; // not a layout we know: leave TorchSharp's own loader alone
        var stray = NativeLayout.FindStrayLibtorch(layout);
        var missing = GlibcxxCheck.MissingVersions(layout.LibTorchSharp);
        if (stray is not null)
        {
            // Loaded by full path first, later loads by name (libtorch.so, libc10.so) bind to these.
            foreach (var lib in layout.LibtorchLibraries()) NativeLibrary.Load(lib);
            adjustments.Add($"another libtorch is on the loader path ({stray}); loaded the package's libtorch from {layout.LibtorchDirectory} by full path.");
        }

        if (missing.Count == 0) return;
        if (layout.ConsolidatedDirectory is { } consolidated)
        {
            // Notebook layout: TorchSharp copies the package natives into <TorchSharp.dll folder>/cpu and loads the
            // binding from there, copying only files that are absent. Put the weak-versioned binding there first.
            var target = PatchedBinding.WriteInto(layout.LibTorchSharp, missing, consolidated);
            adjustments.Add($"this system's libstdc++ lacks {Versions(missing)}, which TorchSharp's libLibTorchSharp.so asks for but does not use; placed a copy with that requirement marked weak where TorchSharp loads it in notebooks: {target}");
            return;
        }
        foreach (var lib in layout.LibtorchLibraries()) NativeLibrary.Load(lib); // the copy's $ORIGIN has no libtorch
        var binding = PatchedBinding.GetOrCreate(layout.LibTorchSharp, missing);
        adjustments.Add($"this system's libstdc++ lacks {Versions(missing)}, which TorchSharp's libLibTorchSharp.so asks for but does not use; loaded a copy with that requirement marked weak: {binding}");
        var handle = NativeLibrary.Load(binding);
        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) =>
            name is "LibTorchSharp" or "libLibTorchSharp" or "libLibTorchSharp.so" ? handle : IntPtr.Zero);
    }

    private static string Versions(IEnumerable<ElfVersionNeeds.Requirement> missing) => string.Join(", ", missing.Select(m => m.Version));

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    internal static string TorchSharpVersion() =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
}
