using FusionKit.Data;
using FusionKit.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Tests.Interactive;

public sealed class ImageGridTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static RawImage Solid(byte value, int channels = 1) =>
        new(4, 4, channels, Enumerable.Repeat(value, 16 * channels).ToArray());

    [Fact]
    public void Render_PlacesTilesRowMajorWithGutters()
    {
        // 3 tiles in 2 columns of 10 px with 2 px gutters: canvas (2*12+2) x (2*12+2) = 26 x 26.
        var grid = new ImageGrid([new(Solid(0), "a"), new(Solid(255, 3), "b"), new(Solid(100), "c")], columns: 2, tileSize: 10);
        using var image = grid.Render();
        Assert.Equal((26, 26), (image.Width, image.Height));
        Assert.Equal(new Rgb24(0, 0, 0), image[5, 5]);          // tile 0, top-left
        Assert.Equal(new Rgb24(255, 255, 255), image[17, 5]);   // tile 1, top-right
        Assert.Equal(new Rgb24(100, 100, 100), image[5, 17]);   // tile 2, second row
        Assert.Equal(new Rgb24(255, 255, 255), image[17, 17]);  // empty slot stays white
    }

    [Fact]
    public void SavePng_WritesADecodablePng()
    {
        var path = Path.Combine(_dir, "grid.png");
        new ImageGrid([new(Solid(30), "x")], tileSize: 8).SavePng(path);
        using var image = Image.Load<Rgb24>(path);
        Assert.Equal((12, 12), (image.Width, image.Height));
    }

    [Fact]
    public void Html_HasInlineImagesAndEncodedCaptions()
    {
        NotebookSession.RegisterFormatters();
        var grid = new ImageGrid([new(Solid(0), "T-shirt/top <1>"), new(Solid(9), "Bag")], title: "samples");
        var html = grid.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(2, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("T-shirt/top &lt;1&gt;", html);
        Assert.Contains("<b>samples</b>", html);
    }

    [Fact]
    public void EmptyGrid_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new ImageGrid([]));
    }
}
