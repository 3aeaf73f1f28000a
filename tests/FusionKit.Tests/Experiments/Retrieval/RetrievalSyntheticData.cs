using System.Security.Cryptography;
using System.Text;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.Retrieval;

/// <summary>Small synthetic <see cref="EmbeddedData"/> (10 separable Gaussian classes, 4x4 images) and a fake bag-of-words text embedder.</summary>
internal static class RetrievalSyntheticData
{
    public const int ImageDim = 16;
    public const int TextDim = 12;

    public static EmbeddedData Create(int trainPerClass = 12, int testPerClass = 4, IReadOnlyList<int>? seeds = null)
    {
        var random = new Random(7);
        var centres = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, ImageDim).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToArray();
        EmbeddedSplit Split(string name, int perClass)
        {
            var samples = new List<Sample>();
            var rows = new List<float[]>();
            for (var c = 0; c < 10; c++)
                for (var i = 0; i < perClass; i++)
                {
                    samples.Add(new Sample($"{name}-{c}-{i}", new RawImage(4, 4, 1, Enumerable.Repeat((byte)(c * 25), 16).ToArray()), c));
                    rows.Add(centres[c].Select(v => v + (float)(random.NextDouble() - 0.5)).ToArray());
                }
            return new EmbeddedSplit(new Dataset($"synthetic-{name}", FashionMnistLabelText.ClassNames, samples, $"synthetic-{name}-{perClass}"), EmbeddingMatrix.FromRows(rows));
        }
        var profile = new RunProfile("synthetic", trainPerClass, testPerClass, 0.1, seeds ?? [0]);
        var names = FashionMnistLabelText.ClassNames;
        return new EmbeddedData(profile, names, Split("train", trainPerClass), Split("validation", 2), Split("test", testPerClass), names,
                                new Dictionary<string, EmbeddingMatrix> { ["minilm"] = Embed("minilm", names) }, "synthetic");
    }

    /// <summary>The same images with every label mapped through <paramref name="relabel"/> (e.g. to show a result ignores test labels).</summary>
    public static EmbeddedSplit Relabel(EmbeddedSplit split, Func<int, int> relabel)
    {
        var dataset = split.Dataset;
        var samples = dataset.Samples.Select(s => s with { Label = relabel(s.Label) }).ToArray();
        return new EmbeddedSplit(new Dataset(dataset.Name, dataset.ClassNames, samples, dataset.Fingerprint + "-relabelled"), split.Images);
    }

    /// <summary>Each text is the mean of a fixed pseudo-random vector per word (SHA-256 of the word), so shared words mean similar texts.</summary>
    public static EmbeddingMatrix Embed(string encoder, IReadOnlyList<string> texts) => EmbeddingMatrix.FromRows(texts.Select(EmbedOne).ToArray());

    public static float[] EmbedOne(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', ',', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        var sum = new float[TextDim];
        foreach (var word in words)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(word));
            for (var d = 0; d < TextDim; d++) sum[d] += hash[d] / 128f - 1;
        }
        return sum.Select(v => v / Math.Max(1, words.Length)).ToArray();
    }

    /// <summary>The fake embedder as an <see cref="ITextEncoder"/> named "minilm" (for search queries).</summary>
    public sealed class FakeEncoder : ITextEncoder
    {
        public string Name => "minilm";
        public int Dimension => TextDim;
        public string CacheKey => "fake-bag-of-words";
        public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(EmbedOne).ToArray();
        public void Dispose() { }
    }
}
