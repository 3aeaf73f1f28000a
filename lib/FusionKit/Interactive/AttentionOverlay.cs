using FusionKit.Data;

namespace FusionKit.Interactive;

/// <summary>
/// Draws a spatial attention map over the image it was computed on: the map's G x G grid (7 x 7 for ResNet18's
/// final feature map) is stretched over the image as the encoder stretched the image over its input, each cell a
/// block (nearest neighbour: the map has no finer resolution), and blended in a black-red-yellow-white "hot"
/// colour scale, scaled so the map's largest weight is fully coloured and a weight of 0 leaves the pixel as it was.
/// </summary>
public static class AttentionOverlay
{
    /// <summary>How much of a pixel the colour replaces at the map's largest weight.</summary>
    public const double MaxOpacity = 0.65;

    /// <summary>The image (grayscale or RGB) enlarged <paramref name="scale"/> times with the map blended over it, as RGB.</summary>
    /// <param name="map">G x G weights in row-major grid order (token t = cell (t / G, t % G)), non-negative.</param>
    /// <exception cref="ArgumentException">A map that is not a square number of weights, or a negative or non-finite weight (its index named).</exception>
    public static RawImage Draw(RawImage image, IReadOnlyList<float> map, int scale = 3)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var grid = (int)Math.Round(Math.Sqrt(map.Count));
        if (grid * grid != map.Count || grid == 0)
            throw new ArgumentException($"An attention map must be a square grid of weights; got {map.Count}.", nameof(map));
        for (var t = 0; t < map.Count; t++)
            if (!float.IsFinite(map[t]) || map[t] < 0)
                throw new ArgumentException($"Attention weight {t} is {map[t]}; weights must be finite and non-negative.", nameof(map));
        var peak = map.Max();
        int width = image.Width * scale, height = image.Height * scale;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var source = (y / scale * image.Width + x / scale) * image.Channels;
                var cell = Math.Min(grid - 1, y * grid / height) * grid + Math.Min(grid - 1, x * grid / width);
                var weight = peak > 0 ? map[cell] / peak : 0;
                var (r, g, b) = Hot(weight);
                var alpha = MaxOpacity * weight;
                var o = (y * width + x) * 3;
                for (var ch = 0; ch < 3; ch++)
                {
                    var original = image.Pixels[source + (image.Channels == 1 ? 0 : ch)];
                    var colour = ch == 0 ? r : ch == 1 ? g : b;
                    pixels[o + ch] = (byte)Math.Round((1 - alpha) * original + alpha * colour);
                }
            }
        return new RawImage(width, height, 3, pixels);
    }

    /// <summary>The "hot" colour scale at v in [0, 1]: black (0) -> red (1/3) -> yellow (2/3) -> white (1).</summary>
    public static (byte R, byte G, byte B) Hot(double v)
    {
        static byte Ramp(double x) => (byte)Math.Round(255 * Math.Clamp(x, 0, 1));
        return (Ramp(3 * v), Ramp(3 * v - 1), Ramp(3 * v - 2));
    }
}
