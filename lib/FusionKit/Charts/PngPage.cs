namespace FusionKit.Charts;

/// <summary>One page for <see cref="ChartExport.TrySavePngs"/>: the HTML file, the PNG to write, and the browser window
/// (in pixels) the page is rendered in, which is the PNG's size.</summary>
public sealed record PngPage(string HtmlPath, string PngPath, int Width, int Height);
