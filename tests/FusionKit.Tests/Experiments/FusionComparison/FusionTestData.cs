using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>
/// Synthetic stand-ins for the fusion experiments (no real images, no MiniLM): an EmbeddedData of 10 classes whose
/// image embeddings are Gaussian clusters (class c shifted by <c>imageShift</c> along dimension c), and a
/// bag-of-words hashing text encoder, so side text that names a class is linearly separable.
/// </summary>
internal static class FusionTestData
{
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static EmbeddedData Embedded(int trainPerClass = 40, int validationPerClass = 10, int testPerClass = 20, double imageShift = 0, int seed = 0)
    {
        var random = new Random(seed);
        EmbeddedSplit Split(string name, int perClass)
        {
            var n = perClass * ClassNames.Length;
            var samples = new Sample[n];
            var data = new float[n * ImageDim];
            for (var i = 0; i < n; i++)
            {
                var label = i % ClassNames.Length;
                samples[i] = new Sample($"{name}-{i}", new RawImage(1, 1, 1, [0]), label);
                for (var d = 0; d < ImageDim; d++)
                    data[i * ImageDim + d] = (float)(Gaussian(random) + (d == label ? imageShift : 0));
            }
            return new EmbeddedSplit(new Dataset(name, ClassNames, samples, $"{name}-fingerprint"), new EmbeddingMatrix(n, ImageDim, data));
        }
        var empty = new Dictionary<string, EmbeddingMatrix>();
        return new EmbeddedData(new RunProfile("synthetic", null, null, 0.1, [0]), ClassNames, Split("train", trainPerClass),
                                Split("validation", validationPerClass), Split("test", testPerClass), ClassNames, empty, "synthetic");
    }

    public const int ImageDim = 16;

    public static FusionInputs Inputs(EmbeddedData data, SideTextReliability reliability, string cacheRoot, int textSeed = 0)
    {
        using var encoder = new HashingTextEncoder();
        return FusionInputs.Prepare(data, reliability, textSeed, encoder, new EmbeddingCache(cacheRoot) { Progress = TextWriter.Null });
    }

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "fusionkit-fusion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>Bag of words hashed into 1024 counts (words split on spaces and commas), L2-normalised.</summary>
internal sealed class HashingTextEncoder : ITextEncoder
{
    public string Name => "hashing-test";
    public int Dimension => 1024;
    public string CacheKey => "hashing-test-1024-v1";

    public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(text =>
    {
        var v = new float[Dimension];
        foreach (var word in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            v[Convert.ToUInt32(Hashing.Sha256Hex(word)[..8], 16) % Dimension] += 1;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }).ToArray();

    public void Dispose()
    {
    }
}
