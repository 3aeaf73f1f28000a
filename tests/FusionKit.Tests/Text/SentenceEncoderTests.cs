using FusionKit.Text;

namespace FusionKit.Tests.Text;

[Collection(MiniLmCollection.Name)]
public sealed class SentenceEncoderTests(MiniLmFixture fixture)
{
    private readonly SentenceEncoder _encoder = fixture.Encoder;

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    [Fact]
    public void Encode_ReproducesSentenceTransformersQuickstartCosines()
    {
        // Reference: sentence-transformers quick start (sbert.net "Quickstart" and the README of
        // UKPLab/sentence-transformers), SentenceTransformer("all-MiniLM-L6-v2"), model.similarity(embeddings, embeddings):
        // [[1.0000, 0.6660, 0.1046], [0.6660, 1.0000, 0.1411], [0.1046, 0.1411, 1.0000]].
        var v = _encoder.Encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]);
        Assert.Equal(0.6660, Cosine(v[0], v[1]), 1e-4);
        Assert.Equal(0.1046, Cosine(v[0], v[2]), 1e-4);
        Assert.Equal(0.1411, Cosine(v[1], v[2]), 1e-4);
    }

    [Fact]
    public void Encode_BatchedEqualsOneAtATime()
    {
        // Texts of very different lengths share a batch, so the short ones are padded: the padding must be masked.
        string[] texts =
        [
            "Coat", "A warm woollen coat with a hood, worn in winter over other clothes.", "T-shirt/top",
            "An ankle boot", "A pair of trousers", "ok", "", "The quick brown fox jumps over the lazy dog again and again.",
        ];
        var batched = _encoder.Encode(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = _encoder.Encode([texts[i]])[0];
            for (var d = 0; d < alone.Length; d++) Assert.Equal(alone[d], batched[i][d], 1e-5);
        }
    }

    [Fact]
    public void Encode_SmallBatchSizeGivesSameVectorsInCallerOrder()
    {
        string[] texts = ["a long sentence about shoes and sandals for the summer", "bag", "dress", "a sneaker"];
        var big = _encoder.Encode(texts);
        float[][] one;
        _encoder.BatchSize = 1;
        try
        {
            one = _encoder.Encode(texts);
        }
        finally
        {
            _encoder.BatchSize = 64;
        }
        for (var i = 0; i < texts.Length; i++)
            for (var d = 0; d < big[i].Length; d++) Assert.Equal(one[i][d], big[i][d], 1e-5);
    }

    [Fact]
    public void Encode_ReturnsUnitNormVectorsOfDimension384()
    {
        var vectors = _encoder.Encode(["Sandal", "A bag carried on the shoulder.", ""]);
        foreach (var v in vectors)
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-5);
        }
    }

    [Fact]
    public void Tokenize_AddsClsAndSepAndTruncatesAt256()
    {
        var longText = string.Join(' ', Enumerable.Repeat("hello", 300)); // "hello" is one WordPiece token
        var ids = _encoder.Tokenize(longText);
        Assert.Equal(SentenceEncoder.MaxTokens, ids.Count);
        Assert.Equal(101, ids[0]);  // [CLS] in bert-base-uncased vocab.txt
        Assert.Equal(102, ids[^1]); // [SEP]
        Assert.Equal(5, _encoder.Tokenize("hello world!").Count); // [CLS] hello world ! [SEP]
    }

    [Fact]
    public void Encode_TextLongerThan256TokensIsTruncatedWithoutError()
    {
        // 300 words -> truncated to [CLS] + 254 words + [SEP]; the dropped words must not change the vector.
        var words = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? "shirt" : "coat").ToArray();
        var vectors = _encoder.Encode([string.Join(' ', words), string.Join(' ', words.Take(254))]);
        for (var d = 0; d < 384; d++) Assert.Equal(vectors[1][d], vectors[0][d], 1e-5);
    }

    [Fact]
    public void CacheKey_NamesModelAndSettings()
    {
        Assert.StartsWith("minilm:all-MiniLM-L6-v2:onnx-sha256-", _encoder.CacheKey);
        Assert.Contains("max256", _encoder.CacheKey);
        Assert.Equal(384, _encoder.Dimension);
        Assert.Throws<ArgumentOutOfRangeException>(() => _encoder.BatchSize = 0);
    }

    [Fact]
    public void MiniLmModel_VocabularyHas30522TokensWithoutCarriageReturns()
    {
        var vocabulary = MiniLmModel.ReadVocabulary();
        Assert.Equal(30522, vocabulary.Count); // bert-base-uncased vocab.txt
        Assert.DoesNotContain(vocabulary, t => t.Contains('\r'));
        Assert.Equal("[CLS]", vocabulary[101]);
        Assert.EndsWith("model.onnx", MiniLmModel.ModelResourceName);
    }
}
