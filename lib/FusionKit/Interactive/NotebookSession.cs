using FusionKit.Charts;
using FusionKit.Experiments;
using FusionKit.Platform;
using Microsoft.DotNet.Interactive.Formatting;

namespace FusionKit.Interactive;

/// <summary>What a notebook runs with: the profile, the data/cache/results folders and what the kit adjusted.</summary>
public sealed record KitSession(RunProfile Profile, string? RepositoryRoot, string CacheDirectory, string ResultsDirectory, IReadOnlyList<string> Adjustments);

/// <summary>
/// The one call a notebook's setup cell makes: loads TorchSharp's natives (saying what it adjusted), registers the
/// kit's HTML formatters (charts, image grids) and picks the run profile from FUSIONKIT_PROFILE. Everything it
/// does works the same without a notebook host; the formatters are then simply unused.
/// </summary>
public static class NotebookSession
{
    private static int _registered;

    /// <param name="fallbackProfile">The profile when FUSIONKIT_PROFILE is unset: smoke, so a notebook runs in minutes; pass
    /// "default" for the whole dataset and three seeds.</param>
    public static KitSession Start(string fallbackProfile = "smoke")
    {
        var report = TorchRuntime.EnsureReady();
        RegisterFormatters();
        return new KitSession(RunProfile.FromEnvironment(fallbackProfile), KitPaths.RepositoryRoot(), KitPaths.CacheDirectory(),
            KitPaths.ResultsDirectory(), report.Adjustments);
    }

    /// <summary>Registers HTML formatters for charts and image grids (idempotent).</summary>
    public static void RegisterFormatters()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        ChartFormatter.Register();
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToHtml()), HtmlFormatter.MimeType);
    }
}
