namespace FusionKit.Data;

/// <summary>
/// A decoded image: interleaved 8-bit pixels in row-major (H, W, C) order, C = 1 (grayscale) or 3 (RGB).
/// Encoders do their own resizing and normalisation; datasets keep images at their stored size.
/// </summary>
public sealed record RawImage
{
    public RawImage(int width, int height, int channels, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size must be positive, got {width}x{height}.");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 or 3, got {channels}.");
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height * channels)
            throw new ArgumentException($"Expected {width}x{height}x{channels} = {width * height * channels} bytes, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    /// <summary>(H, W, C) interleaved bytes.</summary>
    public byte[] Pixels { get; }
}
