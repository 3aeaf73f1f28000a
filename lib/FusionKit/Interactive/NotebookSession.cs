using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Platform;
using FusionKit.Results;
using FusionKit.Vision;
using Microsoft.DotNet.Interactive.Formatting;

namespace FusionKit.Interactive;

/// <summary>
/// What a notebook runs with: the profile, the data/cache/results folders and what the kit adjusted. <see cref="Start"/>
/// is the one call a notebook's setup cell makes: it loads TorchSharp's natives (saying what it adjusted), registers
/// the kit's HTML formatters (charts, image grids) and picks the run profile from FUSIONKIT_PROFILE. Everything it
/// does works the same without a notebook host; the formatters are then simply unused.
/// </summary>
/// <param name="Profile">The run profile (FUSIONKIT_PROFILE, else the fallback).</param>
/// <param name="RepositoryRoot">The repository's root, or null outside a checkout.</param>
/// <param name="CacheDirectory">The embedding cache's folder.</param>
/// <param name="ResultsDirectory">The folder run folders are created in.</param>
/// <param name="Adjustments">What the kit adjusted to load TorchSharp on this machine (empty when nothing).</param>
public sealed record NotebookSession(RunProfile Profile, string? RepositoryRoot, string CacheDirectory, string ResultsDirectory, IReadOnlyList<string> Adjustments)
{
    /// <summary>The arithmetic every image embedding of the session uses (the kit's default, auto, resolved on this
    /// machine: <c>FUSIONKIT_PRECISION</c> when set, else bf16 where the processor has native bf16), and why.</summary>
    public string Precision { get; init; } = "";

    /// <summary>Where the notebook's models and batches live (cpu or cuda, resolved from the device asked for in
    /// <see cref="Start"/>): pass it as the <c>Device</c> of a config, e.g. <c>new CaseStudyConfig { Device = kit.Device }</c>.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>Why <see cref="Device"/>, in words (as <c>fusionkit doctor</c> says it).</summary>
    public string DeviceReason { get; init; } = "";

    private static int _registered;

    /// <summary>Torch threads of each job, as the CLI's <c>--threads</c> (<see cref="FusionKit.Platform.Parallelism"/>; default 1).</summary>
    public int Threads { get; init; } = FusionKit.Platform.Parallelism.DefaultThreads;

    /// <summary>Parts of a run computed at once, as the CLI's <c>--jobs</c> (<see cref="FusionKit.Platform.Parallelism"/>; default one per core):
    /// give it to <c>NotebookRun</c> (<c>Jobs = kit.Jobs</c>) and to a pipeline.</summary>
    public int Jobs { get; init; } = FusionKit.Platform.Parallelism.DefaultJobs;

    /// <param name="fallbackProfile">The profile when FUSIONKIT_PROFILE is unset: smoke, so a notebook runs in minutes; pass
    /// "default" for the whole dataset and three seeds.</param>
    /// <param name="device">The device asked for, as fusionkit's <c>--device</c>: auto (default: CUDA when TorchSharp sees
    /// one, else the CPU), cpu or cuda.</param>
    /// <returns>The session: profile, folders, adjustments and device.</returns>
    /// <exception cref="ComputeDeviceUnavailableException">cuda asked for where TorchSharp sees none; the message says what to do.</exception>
    public static NotebookSession Start(string fallbackProfile = "smoke", ComputeDevice device = ComputeDevice.Auto)
    {
        var report = TorchRuntime.EnsureReady();
        RegisterFormatters();
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        var (resolved, why) = ComputeDevices.Resolve(device);
        return new NotebookSession(RunProfile.FromEnvironment(fallbackProfile), KitPaths.RepositoryRoot(), KitPaths.CacheDirectory(),
            KitPaths.ResultsDirectory(), report.Adjustments)
        {
            Precision = $"{ImagePrecisionChoice.Name(precision)} ({reason})",
            Device = resolved,
            DeviceReason = why,
        };
    }

    /// <summary>Registers HTML formatters for charts, image grids and result tables (idempotent); a <see cref="ResultTable"/>
    /// shows as its long form (setting columns, metric, mean, std, n), as a data frame would.</summary>
    public static void RegisterFormatters()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        ChartFormatter.Register();
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ResultTable>((table, writer) => writer.Write(table.ToDataFrame().ToDisplayString(HtmlFormatter.MimeType)), HtmlFormatter.MimeType);
    }
}
