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
    /// with headless Chromium. Returns false, with the reason, when Chromium is missing, fails, times out (it is
    /// killed) or writes no PNG; the PNG is written atomically.
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
        var chromium = chromiumPath ?? FindChromium();
        if (chromium is null || !File.Exists(chromium))
        {
            failureReason = "Chromium not found (looked for " + (chromiumPath ?? string.Join(", ", ChromiumNames) + " on PATH") + "); "
                + SystemTool.InstallHint("chromium") + ".";
            return false;
        }

        var html = Path.GetFullPath(htmlPath);
        if (!File.Exists(html))
        {
            failureReason = $"HTML file '{html}' does not exist.";
            return false;
        }

        var png = Path.GetFullPath(pngPath);
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        var temp = Path.Combine(Path.GetDirectoryName(png)!, "." + Path.GetFileName(png) + "." + Guid.NewGuid().ToString("N") + ".tmp.png");
        try
        {
            failureReason = ChromiumScreenshot.Run(chromium, new Uri(html).AbsoluteUri, temp, width, height, timeout ?? TimeSpan.FromSeconds(60));
            if (failureReason is not null) return false;
            File.Move(temp, png, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
