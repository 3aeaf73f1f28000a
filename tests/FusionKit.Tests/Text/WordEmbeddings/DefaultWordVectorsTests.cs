using System.IO.Compression;
using FusionKit.Cli;
using FusionKit.Text;
using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Tests.Text.WordEmbeddings;

[Collection(MiniLmCollection.Name)]
public sealed class DefaultWordVectorsTests(MiniLmFixture fixture)
{
    private static readonly Lazy<WordVectors> Committed = new(() => WordVectors.Load(CommittedPath()));

    private static string CommittedPath()
    {
        var dir = WordVectorDiscovery.FindEmbeddingsDirectory();
        Assert.NotNull(dir);
        return Path.Combine(dir, DefaultWordVectors.FileName);
    }

    [Fact]
    public void CommittedFile_LoadsAsGloveTextWith384Dimensions()
    {
        var vectors = Committed.Value;
        Assert.Equal(WordVectorFormat.GloveText, vectors.Format);
        Assert.Equal(384, vectors.Dimension);
        Assert.Equal(0, vectors.DuplicateCount);
        Assert.Equal(DefaultWordVectors.Vocabulary().Count, vectors.Count);
        Assert.True(new FileInfo(CommittedPath()).Length < 10_500_000, "the committed file should stay near 10 MB");
    }

    [Fact]
    public void CommittedFile_HasEveryFashionMnistClassAndDescriptionToken()
    {
        using var encoder = new WordVectorEncoder(Committed.Value, OutOfVocabularyPolicy.Error);
        var reports = encoder.Analyze([.. FashionMnistLabelText.ClassNames, .. FashionMnistLabelText.Descriptions]);
        Assert.All(reports, r => Assert.False(r.HasMissing, r.ToString()));
        Assert.Equal(["t-shirt", "top"], reports[0].Tokens);
        Assert.Equal(["ankle", "boot"], reports[9].Tokens);
        foreach (var word in new[] { "t", "shirt", "trouser", "pullover", "dress", "coat", "sandal", "sneaker", "bag", "ankle", "boot" })
            Assert.True(Committed.Value.Contains(word), word);
    }

    [Fact]
    public void CommittedFile_MatchesMiniLmEmbeddingOfTheWordAlone()
    {
        // The file prints 5 decimals, so each value is within 5e-6 of the encoder's output (plus float noise).
        string[] words = ["coat", "sneaker", "the", "t-shirt"];
        var expected = fixture.Encoder.Encode(words);
        for (var i = 0; i < words.Length; i++)
        {
            Assert.True(Committed.Value.TryGetVector(words[i], out var stored));
            for (var d = 0; d < 384; d++) Assert.Equal(expected[i][d], stored[d], 2e-5);
        }
    }

    [Fact]
    public void Vocabulary_IsPlainWordsFromMiniLmThenLabelWords()
    {
        var words = DefaultWordVectors.Vocabulary(30);
        Assert.Equal(["a", "b", "c"], words.Take(3)); // bert-base-uncased vocab.txt lists the single letters first
        Assert.All(words, w => Assert.Matches("^[a-z]+(-[a-z]+)*$", w));
        Assert.Contains("t-shirt", words);
        Assert.Equal(words.Count, words.Distinct().Count());
    }

    [Theory]
    [InlineData(0.123456f, "0.12346")]
    [InlineData(-0.000001f, "0.00000")]
    [InlineData(-0.5f, "-0.50000")]
    public void Format_PrintsFiveDecimalsWithoutNegativeZero(float value, string expected) =>
        Assert.Equal(expected, DefaultWordVectors.Format(value));

    [Fact]
    public void Write_IsDeterministicAndReadsBack()
    {
        using var temp = new TempFolder();
        string[] words = ["coat", "bag", "t-shirt"];
        DefaultWordVectors.Write(temp.File("a.txt.gz"), words, fixture.Encoder);
        DefaultWordVectors.Write(temp.File("b.txt.gz"), words, fixture.Encoder);
        Assert.Equal(File.ReadAllBytes(temp.File("a.txt.gz")), File.ReadAllBytes(temp.File("b.txt.gz")));
        var back = WordVectors.Load(temp.File("a.txt.gz"));
        Assert.Equal(words.Order(), back.Words.Order());
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void Cli_MakeDefaultVectorsWritesTheRequestedFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("small.txt.gz");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["text", "make-default-vectors", "--words", "5", "--file", path], output, error);
        Assert.True(code == 0, error.ToString());
        var vectors = WordVectors.Load(path);
        Assert.Equal(DefaultWordVectors.Vocabulary(5).Count, vectors.Count);
        Assert.True(vectors.Contains("e")); // the fifth plain word of vocab.txt
        Assert.Contains("Wrote", output.ToString());
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        Assert.Equal((byte)'a', (byte)gzip.ReadByte()); // GloVe text: the first line starts with the first word
    }

    [Fact]
    public void Cli_MakeDefaultVectorsRejectsUnknownOption()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["text", "make-default-vectors", "--wordz", "5"], new StringWriter(), error));
        Assert.Contains("--wordz", error.ToString());
    }
}
