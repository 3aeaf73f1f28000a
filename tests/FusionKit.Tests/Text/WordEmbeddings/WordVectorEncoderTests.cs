using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Tests.Text.WordEmbeddings;

public sealed class WordVectorEncoderTests
{
    // Hand-made 2-d vectors; every expected mean below is computed by hand from them.
    private static WordVectors Vectors(bool withHyphenated = false)
    {
        var map = new Dictionary<string, float[]>
        {
            ["t"] = [1f, 0f],
            ["shirt"] = [0f, 2f],
            ["top"] = [3f, 4f],
            ["ankle boot"] = [10f, 10f],
        };
        if (withHyphenated) map["t-shirt"] = [6f, 6f];
        return WordVectors.FromVectors("hand", map);
    }

    [Fact]
    public void Encode_AveragesTokenVectors()
    {
        using var encoder = new WordVectorEncoder(Vectors());
        var v = encoder.Encode(["T-shirt/top"])[0];
        Assert.Equal([4f / 3f, 2f], v); // (t + shirt + top) / 3 = ((1+0+3)/3, (0+2+4)/3)
    }

    [Fact]
    public void Encode_UsesHyphenatedWordAndWholePhraseWhenPresent()
    {
        using var encoder = new WordVectorEncoder(Vectors(withHyphenated: true));
        var v = encoder.Encode(["T-shirt/top", "Ankle Boot"]);
        Assert.Equal([4.5f, 5f], v[0]); // (t-shirt + top) / 2 = ((6+3)/2, (6+4)/2)
        Assert.Equal([10f, 10f], v[1]);  // the whole phrase is one token
    }

    [Fact]
    public void SkipToken_AveragesKnownTokensOnlyAndRejectsAllUnknown()
    {
        using var encoder = new WordVectorEncoder(Vectors(), OutOfVocabularyPolicy.SkipToken);
        Assert.Equal([3f, 4f], encoder.Encode(["Red top"])[0]); // red skipped: top alone
        Assert.Equal(["red"], encoder.LastReports[0].Missing);
        var e = Assert.Throws<OutOfVocabularyException>(() => encoder.Encode(["zebra stripes"]));
        Assert.Contains("zebra", e.Message);
        Assert.Equal(["zebra", "stripes"], e.Report.Missing);
        Assert.Throws<OutOfVocabularyException>(() => encoder.Encode([""]));
    }

    [Fact]
    public void Zero_CountsUnknownTokensAsZeroVectors()
    {
        using var encoder = new WordVectorEncoder(Vectors(), OutOfVocabularyPolicy.Zero);
        var v = encoder.Encode(["Red top", "zebra", ""]);
        Assert.Equal([1.5f, 2f], v[0]); // (0 + top) / 2 = (3/2, 4/2)
        Assert.Equal([0f, 0f], v[1]);
        Assert.Equal([0f, 0f], v[2]);
    }

    [Fact]
    public void Error_RejectsAnyUnknownToken()
    {
        using var encoder = new WordVectorEncoder(Vectors(), OutOfVocabularyPolicy.Error);
        Assert.Equal([3f, 4f], encoder.Encode(["top"])[0]);
        var e = Assert.Throws<OutOfVocabularyException>(() => encoder.Encode(["top", "Red top"]));
        Assert.Contains("'red'", e.Message);
        Assert.Contains("Red top", e.Message);
    }

    [Fact]
    public void Analyze_ReportsMissingTokensPerText()
    {
        using var encoder = new WordVectorEncoder(Vectors());
        var reports = encoder.Analyze(["T-shirt/top", "Red top"]);
        Assert.False(reports[0].HasMissing);
        Assert.Equal(["red"], reports[1].Missing);
        var summary = OutOfVocabularyReport.Summarize(reports);
        Assert.Contains("1 of 2 text(s)", summary);
        Assert.Contains("\"Red top\" -> [red, top]; missing: red", summary);
    }

    [Fact]
    public void CacheKey_IncludesFileIdentityAndPolicy()
    {
        using var skip = new WordVectorEncoder(Vectors(), OutOfVocabularyPolicy.SkipToken);
        using var zero = new WordVectorEncoder(Vectors(), OutOfVocabularyPolicy.Zero);
        using var other = new WordVectorEncoder(Vectors(withHyphenated: true), OutOfVocabularyPolicy.SkipToken);
        Assert.NotEqual(skip.CacheKey, zero.CacheKey);
        Assert.NotEqual(skip.CacheKey, other.CacheKey);
        Assert.Contains("oov-SkipToken", skip.CacheKey);
        Assert.Contains(skip.Vectors.Identity, skip.CacheKey);
    }

    [Fact]
    public void Load_WithTexts_LoadsOnlyTheirTokensAndRefusesOtherTexts()
    {
        using var temp = new TempFolder();
        var path = temp.Write("glove.test.2d.txt", "t 1 0\nshirt 0 2\ntop 3 4\ncoat 5 5\n");
        using var encoder = WordVectorEncoder.Load(path, texts: ["T-shirt/top"]);
        Assert.Equal("glove.test.2d", encoder.Name);
        Assert.Equal(3, encoder.Vectors.Count);
        Assert.Equal([4f / 3f, 2f], encoder.Encode(["T-shirt/top"])[0]);
        Assert.Contains("'coat'", Assert.Throws<InvalidOperationException>(() => encoder.Encode(["coat"])).Message);
    }
}
