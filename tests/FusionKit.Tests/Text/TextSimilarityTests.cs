using FusionKit.Text;

namespace FusionKit.Tests.Text;

public class TextSimilarityTests
{
    [Fact]
    public void Cosine_MatchesHandComputedValues()
    {
        // (1,0)·(1,1) / (1 * sqrt 2) = 0.70711; orthogonal vectors give 0; a zero vector gives 0 by convention.
        Assert.Equal(1 / Math.Sqrt(2), TextSimilarity.Cosine([1f, 0f], [1f, 1f]), 6);
        Assert.Equal(0, TextSimilarity.Cosine([1f, 0f], [0f, 3f]), 9);
        Assert.Equal(0, TextSimilarity.Cosine([0f, 0f], [0f, 3f]), 9);
        var m = TextSimilarity.CosineMatrix([[1f, 0f], [1f, 1f], [-2f, 0f]]);
        Assert.Equal(1, m[0, 0], 9);
        Assert.Equal(-1, m[0, 2], 9);
        Assert.Equal(m[1, 0], m[0, 1], 12);
    }

    [Fact]
    public void TextEncoders_RejectUnknownNameListingValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => TextEncoders.Create("bert-large"));
        Assert.Contains("wordvec, minilm", e.Message);
    }

    [Fact]
    public void TextEncoders_WordVec_UsesTheDiscoveredFileAndEmbedsLabels()
    {
        var log = new StringWriter();
        using var encoder = TextEncoders.Create("wordvec", FashionMnistLabelText.ClassNames, log);
        Assert.Contains("word vectors:", log.ToString());
        var vectors = encoder.Encode(FashionMnistLabelText.ClassNames);
        Assert.Equal(10, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(encoder.Dimension, v.Length));
    }
}
