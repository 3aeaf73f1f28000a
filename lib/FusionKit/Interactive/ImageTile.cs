using System.Net;
using System.Text;
using FusionKit.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace FusionKit.Interactive;

/// <summary>One tile of an <see cref="ImageGrid"/>: an image and its caption.</summary>
public sealed record ImageTile(RawImage Image, string Caption);
