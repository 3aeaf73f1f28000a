using FusionKit.Data;

namespace FusionKit.Tests.Vision;

/// <summary>Real Fashion-MNIST test images, read with the kit's verified IDX loader.</summary>
internal static class FashionMnistSample
{
    private static readonly Lazy<IdxImages> Test = new(() =>
        IdxReader.ReadImages(Path.Combine(FashionMnist.DefaultDirectory(), FashionMnist.FileNames(FashionMnistSplit.Test).Images)));

    /// <summary>The first <paramref name="count"/> test images.</summary>
    public static IReadOnlyList<RawImage> TestImages(int count) => Enumerable.Range(0, count).Select(i => Test.Value.Image(i)).ToList();

    /// <summary>The same image as three identical RGB channels.</summary>
    public static RawImage ToRgb(RawImage gray)
    {
        var rgb = new byte[gray.Pixels.Length * 3];
        for (var i = 0; i < gray.Pixels.Length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray.Pixels[i];
        return new RawImage(gray.Width, gray.Height, 3, rgb);
    }

    /// <summary>Train, validation and test datasets of the first <paramref name="train"/> + <paramref name="validation"/> +
    /// <paramref name="test"/> test images, in that order, two classes ("a", "b") alternating; <paramref name="prefix"/> keeps
    /// their fingerprints (cache entries) apart from other tests'.</summary>
    public static (Dataset Train, Dataset Validation, Dataset Test) Splits(string prefix, int train, int validation, int test)
    {
        var images = TestImages(train + validation + test);
        Dataset Split(string name, int from, int count) => new(name, ["a", "b"],
            [.. Enumerable.Range(from, count).Select(i => new Sample($"img{i}", images[i], i % 2))], $"{prefix}-{name}-{from}-{count}");
        return (Split("train", 0, train), Split("validation", train, validation), Split("test", train + validation, test));
    }

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
