using System.Text;
using FusionKit.Platform;
using XPlot.Plotly;

namespace FusionKit.Charts;

/// <summary>Saves charts as self-contained offline HTML (plotly.js inlined) and as PNG via headless Chromium.</summary>
public static class ChartExport
{
    /// <summary>The executable names <see cref="TrySavePng"/> looks for on PATH, in order, when no path is given.</summary>
    public static IReadOnlyList<string> ChromiumNames { get; } =
        ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The full path of the first of <see cref="ChromiumNames"/> found on PATH, or null when none is.</summary>
    public static string? FindChromium() => ChromiumNames.Select(SystemTool.Find).FirstOrDefault(p => p is not null);

    /// <summary>The HTML of an offline page holding <paramref name="charts"/> one below the other.</summary>
    public static string ToHtml(IEnumerable<PlotlyChart> charts, string pageTitle = "FusionKit charts")
    {
        ArgumentNullException.ThrowIfNull(charts);
        var list = charts.ToList();
        if (list.Count == 0)
            throw new ArgumentException("At least one chart is required.", nameof(charts));
        return ChartHtml.Page(list, pageTitle);
    }

    /// <summary>Writes an offline HTML page with the charts, atomically (temp file in the same folder, then move).</summary>
    public static void SaveHtml(IEnumerable<PlotlyChart> charts, string path, string pageTitle = "FusionKit charts")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var html = ToHtml(charts, pageTitle);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes an offline HTML page with one chart, atomically.</summary>
    public static void SaveHtml(PlotlyChart chart, string path, string pageTitle = "FusionKit chart") =>
        SaveHtml([chart], path, pageTitle);

    /// <summary>
    /// Renders an HTML page (e.g. from <see cref="SaveHtml(IEnumerable{PlotlyChart}, string, string)"/>) to a PNG
    /// with headless Chromium (<see cref="TrySavePngs"/> with one page). Returns false, with the reason, when Chromium is
    /// missing, fails, times out (it is killed) or writes no PNG; the PNG is written atomically.
    /// </summary>
    /// <param name="htmlPath">The page to render.</param>
    /// <param name="pngPath">Where to write the PNG.</param>
    /// <param name="failureReason">Why no PNG was written; null on success.</param>
    /// <param name="width">Browser window width in pixels (the PNG's width).</param>
    /// <param name="height">Browser window height in pixels (the PNG's height).</param>
    /// <param name="timeout">Wall-clock limit for Chromium; default 60 s.</param>
    /// <param name="chromiumPath">Chromium executable; default <see cref="FindChromium"/>.</param>
    public static bool TrySavePng(
        string htmlPath, string pngPath, out string? failureReason, int width = 1000, int height = 600,
        TimeSpan? timeout = null, string? chromiumPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(htmlPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return TrySavePngs([new PngPage(htmlPath, pngPath, width, height)], out failureReason, timeout, chromiumPath).Count == 1;
    }

    /// <summary>The tallest window one Chromium run renders; more pages than fit are rendered in further runs.</summary>
    public const int MaxWindowHeight = 16_000;

    /// <summary>
    /// Renders several HTML pages to PNGs with as few runs of headless Chromium as fit in <see cref="MaxWindowHeight"/>:
    /// the pages are framed one below the other in one window, each in a frame of its own window size, screenshot once and
    /// cut apart, so each PNG shows what a window of that size shows of its page (a Chromium run costs about 2 s to start and
    /// each page would parse plotly.js anyway). Stops at the first failure (Chromium missing, failing, timing out or
    /// writing no screenshot) and says why; the PNGs written before it stay. Each PNG is written atomically.
    /// </summary>
    /// <param name="pages">The pages, rendered in this order.</param>
    /// <param name="failureReason">Why not every PNG was written; null when all were.</param>
    /// <param name="timeout">Wall-clock limit for each Chromium run; default 60 s and 10 s per page.</param>
    /// <param name="chromiumPath">Chromium executable; default <see cref="FindChromium"/>.</param>
    /// <returns>The PNGs written, in page order.</returns>
    public static IReadOnlyList<string> TrySavePngs(IReadOnlyList<PngPage> pages, out string? failureReason, TimeSpan? timeout = null, string? chromiumPath = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var written = new List<string>();
        failureReason = null;
        if (pages.Count == 0) return written;
        var chromium = chromiumPath ?? FindChromium();
        if (chromium is null || !File.Exists(chromium))
        {
            failureReason = "Chromium not found (looked for " + (chromiumPath ?? string.Join(", ", ChromiumNames) + " on PATH") + "); "
                + SystemTool.InstallHint("chromium") + ".";
            return written;
        }
        if (pages.FirstOrDefault(p => !File.Exists(p.HtmlPath)) is { } missing)
        {
            failureReason = $"HTML file '{Path.GetFullPath(missing.HtmlPath)}' does not exist.";
            return written;
        }
        foreach (var window in Windows(pages))
        {
            failureReason = PageScreenshots.Render(chromium, window, timeout ?? TimeSpan.FromSeconds(60 + 10 * window.Count), written);
            if (failureReason is not null) break;
        }
        return written;
    }

    /// <summary>The pages in runs of Chromium: consecutive pages while their heights add up to <see cref="MaxWindowHeight"/>
    /// (a taller page alone).</summary>
    private static IEnumerable<IReadOnlyList<PngPage>> Windows(IReadOnlyList<PngPage> pages)
    {
        var window = new List<PngPage>();
        var height = 0;
        foreach (var page in pages)
        {
            if (page.Width < 1 || page.Height < 1) throw new ArgumentException($"Page {page.HtmlPath}: the window must be at least 1x1 pixels, not {page.Width}x{page.Height}.", nameof(pages));
            if (window.Count > 0 && height + page.Height > MaxWindowHeight)
            {
                yield return window;
                (window, height) = ([], 0);
            }
            window.Add(page);
            height += page.Height;
        }
        yield return window;
    }
}
