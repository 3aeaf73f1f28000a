using FusionKit.Charts;
using FusionKit.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using XPlot.Plotly;

namespace FusionKit.Tests.Charts;

public sealed class ChartExportTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fusionkit-charts-test-");

    public void Dispose() => folder.Delete(recursive: true);

    private static PlotlyChart Curves() => TrainingCharts.Curves(
    [
        new EpochRecord(1, 1.2, 0.55, 1.3, 0.50, 0),
        new EpochRecord(2, 0.8, 0.72, 0.95, 0.68, 0),
        new EpochRecord(3, 0.6, 0.81, 0.85, 0.74, 0),
    ]);

    private static PlotlyChart Bars() =>
        GenericCharts.GroupedBars("Scores", "variant", "score", ["a", "b"], [new BarSeries("accuracy", [0.9, 0.8], [0.01, 0.02])]);

    [Fact]
    public void ToHtml_InlinesPlotlyOnce_NoCdnScript_EveryChart()
    {
        var first = Curves();
        var second = Bars();

        var html = ChartExport.ToHtml([first, second]);

        Assert.Contains(PlotlyJs.Source, html, StringComparison.Ordinal);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, PlotlyJs.Source, StringComparison.Ordinal);
        Assert.Equal(html.IndexOf(PlotlyJs.Source, StringComparison.Ordinal), html.LastIndexOf(PlotlyJs.Source, StringComparison.Ordinal));
        // No external script: every <script> tag is inline (plotly.js itself mentions cdn.plot.ly only as the
        // topojson base URL of geo maps, which these charts do not use).
        Assert.DoesNotMatch(@"<script[^>]*\bsrc\s*=", html);
        Assert.Contains($"<div id=\"{first.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"Plotly.newPlot('{second.Id}'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedPlotly_IsTheMinifiedBundle()
    {
        // SHA-256 of plotly.min.js in the npm tarball plotly.js-dist-min-2.35.3.tgz (measured with sha256sum).
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PlotlyJs.Source)));
        Assert.Equal("fc84e3cfa55d23d3654c562ea5deb3c274eb6972a6adf66941d1a821e34825e4", sha);
        Assert.DoesNotContain("</script", PlotlyJs.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SaveHtml_WritesAtomicallyAndOverwrites()
    {
        var path = Path.Combine(folder.FullName, "sub", "charts.html");

        ChartExport.SaveHtml(Curves(), path);
        var firstLength = new FileInfo(path).Length;
        ChartExport.SaveHtml([Curves(), Bars()], path);

        Assert.True(new FileInfo(path).Length > firstLength);
        Assert.Equal(["charts.html"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        // plotly's tool bar is hidden until hover, so a PNG screenshot of the page does not show it over the titles
        Assert.Contains(".js-plotly-plot .modebar { opacity: 0; }", File.ReadAllText(path));
    }

    [SystemToolFact("chromium")]
    public void TrySavePng_RendersTheChartWithChromium()
    {
        var html = Path.Combine(folder.FullName, "curves.html");
        var png = Path.Combine(folder.FullName, "curves.png");
        ChartExport.SaveHtml(Curves(), html);

        var ok = ChartExport.TrySavePng(html, png, out var reason, width: 1040, height: 480);

        Assert.True(ok, reason);
        Assert.Null(reason);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        using var image = Image.Load<Rgb24>(bytes);
        Assert.Equal((1040, 480), (image.Width, image.Height));
        var (variance, traceBluePixels) = Measure(image);
        Assert.True(variance > 100, $"pixel variance {variance:F1}: the page looks blank");
        // The train lines are drawn in #1f77b4; a page where plotly.js failed would have none of it.
        Assert.True(traceBluePixels > 200, $"only {traceBluePixels} pixels of the train-line colour");
        Assert.Equal(["curves.html", "curves.png"], Directory.GetFiles(folder.FullName).Select(Path.GetFileName).Order());
    }

    [SystemToolFact("chromium")]
    public void TrySavePngs_RendersEveryPageInOneWindow_EachPngItsOwnWindowSize_AndAsAloneWithinTwoPixelValues()
    {
        var curves = Path.Combine(folder.FullName, "curves.html");
        var bars = Path.Combine(folder.FullName, "bars.html");
        ChartExport.SaveHtml(Curves(), curves);
        ChartExport.SaveHtml(Bars(), bars);
        PngPage[] pages =
        [
            new(curves, Path.Combine(folder.FullName, "curves-1.png"), 1040, 480),
            new(bars, Path.Combine(folder.FullName, "bars.png"), 800, 700),
            new(curves, Path.Combine(folder.FullName, "curves-2.png"), 1040, 480),
        ];

        var written = ChartExport.TrySavePngs(pages, out var reason);

        Assert.Null(reason);
        Assert.Equal(pages.Select(p => p.PngPath), written);
        foreach (var page in pages)
        {
            using var image = Image.Load<Rgb24>(page.PngPath);
            Assert.Equal((page.Width, page.Height), (image.Width, image.Height));
            Assert.True(Measure(image).TraceBluePixels > 200, $"{Path.GetFileName(page.PngPath)}: its chart is not drawn");
        }
        // The same page in the same window size is the same picture wherever it sits in the shared window, and alone
        // (Chromium's own screenshot of it in a window of its size, the kit's earlier way; a pixel's channels may differ
        // by antialiasing at most).
        var alone = Path.Combine(folder.FullName, "alone.png");
        Assert.Null(ChromiumScreenshotOf(curves, alone, 1040, 480));
        using var first = Image.Load<Rgb24>(pages[0].PngPath);
        using var second = Image.Load<Rgb24>(pages[2].PngPath);
        using var reference = Image.Load<Rgb24>(alone);
        Assert.True(MaxChannelDifference(first, second) <= 2, "the two renders of one page differ");
        Assert.True(MaxChannelDifference(first, reference) <= 2, "the framed render differs from the page's own screenshot");
    }

    /// <summary>Chromium's own screenshot of a page in a window of the given size (as the kit rendered each page before it
    /// framed them), through the same command line the kit uses.</summary>
    private static string? ChromiumScreenshotOf(string html, string png, int width, int height)
    {
        var run = typeof(ChartExport).Assembly.GetType("FusionKit.Charts.ChromiumScreenshot")!.GetMethod("Run")!;
        return (string?)run.Invoke(null, [ChartExport.FindChromium()!, new Uri(html).AbsoluteUri, png, width, height, TimeSpan.FromSeconds(60)]);
    }

    private static int MaxChannelDifference(Image<Rgb24> a, Image<Rgb24> b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var most = 0;
        for (var y = 0; y < a.Height; y++)
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a[x, y], b[x, y]);
                most = Math.Max(most, Math.Max(Math.Abs(p.R - q.R), Math.Max(Math.Abs(p.G - q.G), Math.Abs(p.B - q.B))));
            }
        return most;
    }

    [Fact]
    public void TrySavePngs_NamesAMissingPage_AndWritesNothing()
    {
        var bars = Path.Combine(folder.FullName, "bars.html");
        ChartExport.SaveHtml(Bars(), bars);
        var missing = Path.Combine(folder.FullName, "gone.html");

        var written = ChartExport.TrySavePngs([new PngPage(bars, Path.Combine(folder.FullName, "bars.png"), 800, 600), new PngPage(missing, Path.Combine(folder.FullName, "gone.png"), 800, 600)],
                                              out var reason, chromiumPath: "/bin/true");

        Assert.Empty(written);
        Assert.Contains(missing, reason);
        Assert.Equal(["bars.html"], Directory.GetFiles(folder.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public void TrySavePng_ReportsMissingChromium()
    {
        var html = Path.Combine(folder.FullName, "bars.html");
        ChartExport.SaveHtml(Bars(), html);

        var ok = ChartExport.TrySavePng(html, Path.Combine(folder.FullName, "bars.png"), out var reason, chromiumPath: "/nonexistent/chromium");

        Assert.False(ok);
        Assert.Contains("/nonexistent/chromium", reason);
        Assert.False(File.Exists(Path.Combine(folder.FullName, "bars.png")));
    }

    [SystemToolFact("chromium")]
    public void TrySavePng_KillsChromiumOnTimeout()
    {
        var html = Path.Combine(folder.FullName, "bars.html");
        ChartExport.SaveHtml(Bars(), html);

        var ok = ChartExport.TrySavePng(html, Path.Combine(folder.FullName, "bars.png"), out var reason, timeout: TimeSpan.FromMilliseconds(1));

        Assert.False(ok);
        Assert.Contains("killed", reason);
        Assert.False(File.Exists(Path.Combine(folder.FullName, "bars.png")));
    }

    [SystemToolFact("chromium")]
    public void NotebookHtml_DrawsBothChartsInABrowser_EvenWithRequireJsPresent()
    {
        // A notebook page like Jupyter's defines an AMD loader; plotly.js must still end up on window.Plotly, and
        // the second output (no plotly.js of its own) must wait for it and draw.
        ChartFormatter.ResetPlotlyInclusion();
        var first = ChartFormatter.ToNotebookHtml(Bars());
        var second = ChartFormatter.ToNotebookHtml(Bars());
        var html = Path.Combine(folder.FullName, "notebook.html");
        File.WriteAllText(html,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>window.define = function () {}; window.define.amd = {};</script>" +
            "<style>body { margin: 0; }</style></head><body>" + first + second + "</body></html>");
        var png = Path.Combine(folder.FullName, "notebook.png");

        Assert.True(ChartExport.TrySavePng(html, png, out var reason, width: 950, height: 1000), reason);

        using var image = Image.Load<Rgb24>(png);
        Assert.True(Measure(image, 0, 500).TraceBluePixels > 500, "first notebook chart not drawn");
        Assert.True(Measure(image, 500, 1000).TraceBluePixels > 500, "second notebook chart not drawn");
    }

    private static (double Variance, int TraceBluePixels) Measure(Image<Rgb24> image, int top = 0, int bottom = int.MaxValue)
    {
        double sum = 0, sumSquares = 0;
        var blue = 0;
        bottom = Math.Min(bottom, image.Height);
        for (var y = top; y < bottom; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                double gray = (p.R + p.G + p.B) / 3.0;
                sum += gray;
                sumSquares += gray * gray;
                if (Math.Abs(p.R - 0x1f) < 30 && Math.Abs(p.G - 0x77) < 30 && Math.Abs(p.B - 0xb4) < 30) blue++;
            }
        }

        var n = (double)image.Width * (bottom - top);
        var mean = sum / n;
        return (sumSquares / n - mean * mean, blue);
    }
}
