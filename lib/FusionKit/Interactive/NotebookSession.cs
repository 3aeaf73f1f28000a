using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Platform;
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

    private static int _registered;

    /// <param name="fallbackProfile">The profile when FUSIONKIT_PROFILE is unset: smoke, so a notebook runs in minutes; pass
    /// "default" for the whole dataset and three seeds.</param>
    /// <returns>The session: profile, folders and adjustments.</returns>
    public static NotebookSession Start(string fallbackProfile = "smoke")
    {
        var report = TorchRuntime.EnsureReady();
        RegisterFormatters();
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        return new NotebookSession(RunProfile.FromEnvironment(fallbackProfile), KitPaths.RepositoryRoot(), KitPaths.CacheDirectory(),
            KitPaths.ResultsDirectory(), report.Adjustments)
        {
            Precision = $"{ImagePrecisionChoice.Name(precision)} ({reason})",
        };
    }

    /// <summary>Registers HTML formatters for charts and image grids (idempotent).</summary>
    public static void RegisterFormatters()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        ChartFormatter.Register();
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToHtml()), HtmlFormatter.MimeType);
    }
}
