using System.Net;
using System.Text;
using FusionKit.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace FusionKit.Interactive;

/// <summary>
/// A grid of captioned images: shown as HTML in notebooks (a formatter is registered by
/// <see cref="NotebookSession.Start"/>), saved as a PNG by the command line (tiles only; captions go to the
/// accompanying text output since ImageSharp alone draws no text).
/// </summary>
public sealed class ImageGrid
{
    public ImageGrid(IReadOnlyList<ImageTile> tiles, int columns = 8, int tileSize = 84, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0) throw new ArgumentException("An image grid needs at least one image.", nameof(tiles));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileSize);
        Tiles = tiles;
        Columns = Math.Min(columns, tiles.Count);
        TileSize = tileSize;
        Title = title;
    }

    public IReadOnlyList<ImageTile> Tiles { get; }
    public int Columns { get; }
    public int TileSize { get; }
    public string? Title { get; }
    public int Rows => (Tiles.Count + Columns - 1) / Columns;

    /// <summary>The tiles on one canvas (2-pixel white gutters), each image scaled to fit its square.</summary>
    public Image<Rgb24> Render()
    {
        const int gutter = 2;
        var canvas = new Image<Rgb24>(Columns * (TileSize + gutter) + gutter, Rows * (TileSize + gutter) + gutter, Color.White);
        for (var i = 0; i < Tiles.Count; i++)
        {
            using var tile = ToImage(Tiles[i].Image);
            tile.Mutate(t => t.Resize(new ResizeOptions { Size = new Size(TileSize, TileSize), Mode = ResizeMode.Pad, PadColor = Color.White }));
            var x = gutter + i % Columns * (TileSize + gutter);
            var y = gutter + i / Columns * (TileSize + gutter);
            canvas.Mutate(c => c.DrawImage(tile, new Point(x, y), 1f));
        }
        return canvas;
    }

    /// <summary>Writes the grid as a PNG, atomically.</summary>
    public void SavePng(string path)
    {
        using var image = Render();
        AtomicFile.Write(path, s => image.SaveAsPng(s));
    }

    /// <summary>An HTML table of inline PNG tiles with captions (no external resources).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        if (Title is not null) html.Append("<div><b>").Append(WebUtility.HtmlEncode(Title)).Append("</b></div>");
        html.Append("<table style=\"border-collapse:collapse\">");
        for (var r = 0; r < Rows; r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < Columns && r * Columns + c < Tiles.Count; c++)
            {
                var tile = Tiles[r * Columns + c];
                using var image = ToImage(tile.Image);
                image.Mutate(t => t.Resize(new ResizeOptions { Size = new Size(TileSize, TileSize), Mode = ResizeMode.Pad, PadColor = Color.White }));
                html.Append("<td style=\"text-align:center;padding:4px;font-size:11px\"><img src=\"")
                    .Append(image.ToBase64String(SixLabors.ImageSharp.Formats.Png.PngFormat.Instance))
                    .Append("\" width=\"").Append(TileSize).Append("\"/><br/>")
                    .Append(WebUtility.HtmlEncode(tile.Caption)).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    internal static Image<Rgb24> ToImage(RawImage raw)
    {
        var image = new Image<Rgb24>(raw.Width, raw.Height);
        for (var y = 0; y < raw.Height; y++)
            for (var x = 0; x < raw.Width; x++)
            {
                var o = (y * raw.Width + x) * raw.Channels;
                image[x, y] = raw.Channels == 1
                    ? new Rgb24(raw.Pixels[o], raw.Pixels[o], raw.Pixels[o])
                    : new Rgb24(raw.Pixels[o], raw.Pixels[o + 1], raw.Pixels[o + 2]);
            }
        return image;
    }
}
