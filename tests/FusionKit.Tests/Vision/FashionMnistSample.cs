using System.IO.Compression;
using FusionKit.Data;

namespace FusionKit.Tests.Vision;

/// <summary>The first images of data/fashion-mnist/t10k-images-idx3-ubyte.gz (IDX: 16-byte header, then 28x28 bytes each).</summary>
internal static class FashionMnistSample
{
    public static IReadOnlyList<RawImage> TestImages(int count)
    {
        var path = Path.Combine(RepositoryRoot(), "data", "fashion-mnist", "t10k-images-idx3-ubyte.gz");
        if (!File.Exists(path)) throw new FileNotFoundException($"Fashion-MNIST test images not found at {path}.", path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = new byte[16];
        gzip.ReadExactly(header);
        if (header[2] != 0x08 || header[3] != 3) throw new InvalidDataException($"{path}: not an IDX ubyte 3-d file.");
        var images = new List<RawImage>();
        for (var i = 0; i < count; i++)
        {
            var pixels = new byte[28 * 28];
            gzip.ReadExactly(pixels);
            images.Add(new RawImage(28, 28, 1, pixels));
        }
        return images;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kit.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains Kit.sln.");
    }

    /// <summary>The same image as three identical RGB channels.</summary>
    public static RawImage ToRgb(RawImage gray)
    {
        var rgb = new byte[gray.Pixels.Length * 3];
        for (var i = 0; i < gray.Pixels.Length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray.Pixels[i];
        return new RawImage(gray.Width, gray.Height, 3, rgb);
    }

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
