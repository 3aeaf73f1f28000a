using System.Globalization;
using System.Net;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace FusionKit.Charts;

/// <summary>
/// Several pages in one Chromium screenshot (<see cref="ChartExport.TrySavePngs"/>): a framing page holds each page in a
/// borderless, unscrolled frame of the page's window size, one below the other from the top-left corner; one screenshot
/// of the whole and one crop per frame give each page's PNG.
/// </summary>
internal static class PageScreenshots
{
    /// <summary>Renders <paramref name="pages"/> and adds each PNG written to <paramref name="written"/>; returns null, or why it stopped.</summary>
    public static string? Render(string chromium, IReadOnlyList<PngPage> pages, TimeSpan timeout, List<string> written)
    {
        var work = Directory.CreateTempSubdirectory("fusionkit-pages-");
        try
        {
            var width = pages.Max(p => p.Width);
            var height = pages.Sum(p => p.Height);
            var framing = Path.Combine(work.FullName, "pages.html");
            File.WriteAllText(framing, FramingPage(pages), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var shot = Path.Combine(work.FullName, "pages.png");
            if (ChromiumScreenshot.Run(chromium, new Uri(framing).AbsoluteUri, shot, width, height, timeout) is { } failure) return failure;
            using var image = Image.Load<Rgb24>(shot);
            if (image.Width < width || image.Height < height)
                return $"Chromium wrote a {image.Width}x{image.Height} screenshot where {width}x{height} was asked for.";
            var top = 0;
            foreach (var page in pages)
            {
                using (var part = image.Clone(c => c.Crop(new Rectangle(0, top, page.Width, page.Height))))
                    FusionKit.Data.AtomicFile.Write(Path.GetFullPath(page.PngPath), stream => part.SaveAsPng(stream));
                written.Add(Path.GetFullPath(page.PngPath));
                top += page.Height;
            }
            return null;
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // left for the OS to clean
            }
        }
    }

    /// <summary>The framing page: each page in a frame at its place, nothing else on the page.</summary>
    private static string FramingPage(IReadOnlyList<PngPage> pages)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
            .Append("html, body { margin: 0; padding: 0; overflow: hidden; } iframe { position: absolute; left: 0; border: 0; display: block; }")
            .Append("</style></head><body>\n");
        var top = 0;
        foreach (var page in pages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<iframe scrolling=\"no\" style=\"top: {top}px; width: {page.Width}px; height: {page.Height}px\" src=\"")
                .Append(WebUtility.HtmlEncode(new Uri(Path.GetFullPath(page.HtmlPath)).AbsoluteUri)).Append("\"></iframe>\n");
            top += page.Height;
        }
        return html.Append("</body></html>\n").ToString();
    }
}
