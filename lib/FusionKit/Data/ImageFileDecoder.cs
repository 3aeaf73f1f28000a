using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Data;

/// <summary>
/// Decodes image files (PNG, JPEG, BMP, GIF, TGA, TIFF, WebP, PBM - whatever ImageSharp 2.1 reads) into a
/// <see cref="RawImage"/> at their stored size: grayscale files (8/16-bit gray, with or without alpha) give one
/// channel, everything else three (RGB); alpha is dropped, 16-bit samples are scaled to 8 bits, an animated
/// GIF gives its first frame. Before decoding it reads the declared size (rejecting decompression bombs over
/// the pixel limit) and checks the file is complete (<see cref="ImageIntegrity"/>).
/// Errors are <see cref="InvalidDataException"/>s stating what is wrong with the image.
/// </summary>
public static class ImageFileDecoder
{
    /// <summary>Default limit on width x height: 40 megapixels.</summary>
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>Reads and decodes the file at <paramref name="path"/>; errors name the file.</summary>
    public static RawImage Decode(string path, long maxPixels = DefaultMaxPixels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: image file not found.", path);
        try
        {
            return Decode(File.ReadAllBytes(path), maxPixels);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Decodes an image file's bytes.</summary>
    public static RawImage Decode(byte[] bytes, long maxPixels = DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        if (bytes.Length == 0) throw new InvalidDataException("the image file is empty.");
        var configuration = Configuration.Default;

        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(configuration, bytes, out format);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"corrupt image: cannot read its header ({e.Message})", e);
        }
        if (info is null || format is null)
            throw new InvalidDataException($"not a recognised image format (first bytes {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}).");

        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
            throw new InvalidDataException($"corrupt {format.Name} image: it declares a size of {info.Width}x{info.Height}.");
        if (pixels > maxPixels)
            throw new InvalidDataException(
                $"{format.Name} image declares {info.Width}x{info.Height} = {pixels:N0} pixels, above the limit of {maxPixels:N0}; refusing to decode it (a decompression bomb or an image too large; raise MaxPixels to allow it).");

        var truncation = ImageIntegrity.FindTruncation(format, bytes);
        if (truncation is not null) throw new InvalidDataException(truncation);

        Image image;
        try
        {
            image = Image.Load(configuration, bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"corrupt {format.Name} image: {e.Message}", e);
        }
        using (image)
        {
            if (image.Width != info.Width || image.Height != info.Height)
                throw new InvalidDataException($"corrupt {format.Name} image: header says {info.Width}x{info.Height}, decoded {image.Width}x{image.Height}.");
            return IsGrayscale(image) ? ToRaw<L8>(image, 1) : ToRaw<Rgb24>(image, 3);
        }
    }

    private static bool IsGrayscale(Image image)
    {
        if (image is Image<L8> or Image<L16> or Image<La16> or Image<La32>) return true;
        var png = image.Metadata.GetPngMetadata();
        if (png.ColorType is PngColorType.Grayscale or PngColorType.GrayscaleWithAlpha) return true;
        var jpeg = image.Metadata.GetJpegMetadata();
        return jpeg.ColorType is JpegColorType.Luminance;
    }

    private static RawImage ToRaw<TPixel>(Image image, int channels)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var converted = image is Image<TPixel> same ? same.Clone() : image.CloneAs<TPixel>();
        var data = new byte[(long)converted.Width * converted.Height * channels];
        converted.CopyPixelDataTo(MemoryMarshal.Cast<byte, TPixel>(data.AsSpan()));
        return new RawImage(converted.Width, converted.Height, channels, data);
    }
}
