using System.IO.Compression;
using System.Text;
using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Tests.Text.WordEmbeddings;

public sealed class WordVectorReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string Glove = "the 0.1 0.2 0.3\ncat -1.5 2 3e-1\ndog 0 0 1\n";

    private static void AssertVector(WordVectors vectors, string word, params float[] expected)
    {
        Assert.True(vectors.TryGetVector(word, out var actual), $"'{word}' missing");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_GloveText_DetectsDimensionFromFirstLine()
    {
        var vectors = WordVectors.Load(_temp.Write("g.txt", Glove));
        Assert.Equal(WordVectorFormat.GloveText, vectors.Format);
        Assert.Equal(3, vectors.Dimension);
        Assert.Equal(3, vectors.Count);
        AssertVector(vectors, "cat", -1.5f, 2f, 0.3f);
        AssertVector(vectors, "the", 0.1f, 0.2f, 0.3f);
    }

    [Fact]
    public void Load_Word2VecTextWithHeader()
    {
        var vectors = WordVectors.Load(_temp.Write("w.vec", "3 3\n" + Glove));
        Assert.Equal(WordVectorFormat.Word2VecText, vectors.Format);
        Assert.Equal(3, vectors.Count);
        AssertVector(vectors, "dog", 0f, 0f, 1f);
    }

    [Fact]
    public void Load_Word2VecText_HeaderCountMismatchIsAnError()
    {
        var path = _temp.Write("w.txt", "5 3\n" + Glove);
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path));
        Assert.Contains("w.txt", e.Message);
        Assert.Contains("announces 5", e.Message);
    }

    private static byte[] Word2VecBinary(params (string Word, float[] Vector)[] records)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"{records.Length} {records[0].Vector.Length}\n"));
        foreach (var (word, vector) in records)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(word + " "));
            foreach (var v in vector) bytes.AddRange(BitConverter.GetBytes(v)); // little-endian on x64/arm64
            bytes.Add((byte)'\n');
        }
        return bytes.ToArray();
    }

    [Fact]
    public void Load_Word2VecBinary()
    {
        var path = _temp.File("w.bin");
        File.WriteAllBytes(path, Word2VecBinary(("king", [0.25f, -1f]), ("café", [3f, 10f]), ("queen", [1e-3f, 0.5f])));
        var vectors = WordVectors.Load(path);
        Assert.Equal(WordVectorFormat.Word2VecBinary, vectors.Format);
        Assert.Equal(2, vectors.Dimension);
        AssertVector(vectors, "king", 0.25f, -1f);
        AssertVector(vectors, "café", 3f, 10f);
        AssertVector(vectors, "queen", 1e-3f, 0.5f);
    }

    [Fact]
    public void Load_Word2VecBinary_TruncatedFileNamesTheRecord()
    {
        var bytes = Word2VecBinary(("king", [0.25f, -1f]), ("queen", [1f, 0.5f]));
        var path = _temp.File("cut.bin");
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path));
        Assert.Contains("cut.bin", e.Message);
        Assert.Contains("record 2", e.Message);
    }

    [Fact]
    public void Load_GzipAndZip()
    {
        var gz = _temp.File("g.txt.gz");
        using (var gzip = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(Glove));
        var zip = _temp.File("g.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("readme.md").Open())) w.Write("# not vectors");
            using (var w = new StreamWriter(archive.CreateEntry("glove/g.50d.txt").Open())) w.Write(Glove);
        }
        foreach (var path in new[] { gz, zip })
        {
            var vectors = WordVectors.Load(path);
            Assert.Equal(3, vectors.Count);
            AssertVector(vectors, "cat", -1.5f, 2f, 0.3f);
        }
        Assert.Equal("g.zip!glove/g.50d.txt", WordVectors.Load(zip).SourceName);
    }

    [Fact]
    public void Load_ZipWithoutVectorFileIsAnError()
    {
        var zip = _temp.File("empty.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var w = new StreamWriter(archive.CreateEntry("readme.md").Open())) w.Write("x");
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(zip));
        Assert.Contains("empty.zip", e.Message);
    }

    [Fact]
    public void Load_ToleratesTrailingSpacesCrlfAndBlankLines()
    {
        var vectors = WordVectors.Load(_temp.Write("crlf.txt", "the 0.1 0.2 0.3 \r\ncat -1.5 2 3e-1  \r\n\r\ndog 0 0 1\r\n"));
        Assert.Equal(3, vectors.Count);
        AssertVector(vectors, "the", 0.1f, 0.2f, 0.3f);
        AssertVector(vectors, "dog", 0f, 0f, 1f);
    }

    [Fact]
    public void Load_DuplicateWordsKeepFirstAndAreCounted()
    {
        var vectors = WordVectors.Load(_temp.Write("dup.txt", Glove + "cat 9 9 9\nthe 8 8 8\ncat 7 7 7\n"));
        Assert.Equal(3, vectors.Count);
        Assert.Equal(3, vectors.DuplicateCount);
        Assert.Equal(6, vectors.RecordsRead);
        Assert.Equal(["cat", "the", "cat"], vectors.DuplicateExamples);
        AssertVector(vectors, "cat", -1.5f, 2f, 0.3f);
        Assert.Contains("3 duplicate", vectors.Describe());
    }

    [Fact]
    public void Load_NonAsciiWordsAreUtf8()
    {
        var vectors = WordVectors.Load(_temp.Write("u.txt", "naïve 1 2\nкошка 3 4\n猫 5 6\n"));
        AssertVector(vectors, "naïve", 1f, 2f);
        AssertVector(vectors, "кошка", 3f, 4f);
        AssertVector(vectors, "猫", 5f, 6f);
    }

    [Theory]
    [InlineData("the 0.1 0.2 0.3\ncat 1 2\n", 2, "2 numbers; expected 3")]
    [InlineData("the 0.1 0.2 0.3\ncat 1 2 3\ndog 1 2 3 4\n", 3, "4 numbers; expected 3")]
    [InlineData("the 0.1 0.2 0.3\n\ncat 1 x2 3\n", 3, "word 'cat': number 2 of 3 'x2' is not a finite number")]
    [InlineData("the 0.1 0.2 0.3\ncat 1,5 2 3\n", 2, "'1,5'")]
    [InlineData("the 0.1 0.2 0.3\nlonely\n", 2, "no numbers")]
    public void Load_MalformedLineNamesFileAndLine(string content, int line, string detail)
    {
        var path = _temp.Write("bad.txt", content);
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"line {line}", e.Message);
        Assert.Contains(detail, e.Message);
    }

    [Fact]
    public void Load_TokensWithSpaces_AreEverythingBeforeTheLastDNumbers()
    {
        // glove.840B.300d.txt holds entries such as ". . ." and "at name@domain.com" whose token contains spaces;
        // the vector is the last D fields, the token the rest (D = 3 here, from the first line).
        var vectors = WordVectors.Load(_temp.Write("spaced.txt", Glove + ". . . 1 2 3\nat name@domain.com 4 5 6\n1999 7 8 9\n"));
        Assert.Equal(6, vectors.Count);
        AssertVector(vectors, ". . .", 1f, 2f, 3f);
        AssertVector(vectors, "at name@domain.com", 4f, 5f, 6f);
        AssertVector(vectors, "1999", 7f, 8f, 9f); // a numeric token without spaces is a token
        Assert.Equal(2, vectors.SpacedTokenCount);
        Assert.Equal([". . .", "at name@domain.com"], vectors.SpacedTokenExamples);
        Assert.Contains("2 token(s) containing spaces loaded as such, e.g. '. . .', 'at name@domain.com'", vectors.Describe());
        Assert.Empty(vectors.Skipped);
    }

    [Fact]
    public void Load_Word2VecHeaderGivesD_ForSpacedTokens()
    {
        var vectors = WordVectors.Load(_temp.Write("w2v.txt", "2 2\nnew york 1 2\ncat 3 4\n"));
        Assert.Equal(WordVectorFormat.Word2VecText, vectors.Format);
        AssertVector(vectors, "new york", 1f, 2f);
        Assert.Equal(1, vectors.SpacedTokenCount);
    }

    [Theory]
    [InlineData("emu 1 NaN 3\n", "word 'emu': number 2 of 3 'NaN' is not a finite number")]
    [InlineData("emu 1 1e39 3\n", "word 'emu': number 2 of 3 '1e39' is not a finite number")]
    [InlineData("cat 1 2\n", "word 'cat': 2 numbers; expected 3 (the dimension detected from line 1)")]
    [InlineData("new york 1 2 3 4\n", "word 'new york': 4 numbers; expected 3 (the dimension detected from line 1)")]
    public void Load_BadLine_StrictNamesFileLineAndWord_LenientListsIt(string badLine, string detail)
    {
        var path = _temp.Write("bad.txt", Glove + badLine + "cow 1 1 1\n");

        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path));
        Assert.Equal($"{path}: line 4, {detail}.", e.Message);

        var lenient = WordVectors.Load(path, policy: FusionKit.Data.Manifest.BadRowPolicy.Skip);
        var skipped = Assert.Single(lenient.Skipped);
        Assert.Equal($"{path}: line 4, {detail}", skipped.ToString());
        Assert.Equal(4, lenient.Count);
        AssertVector(lenient, "cow", 1f, 1f, 1f);
        Assert.Contains("1 bad line(s) skipped:", lenient.Describe());
        Assert.Contains("skipped " + skipped, lenient.Describe());
    }

    [Fact]
    public void Load_UndecodableBytes_NameFileLineAndWord()
    {
        var path = _temp.File("latin1.txt");
        // "café" in Latin-1 (0xE9 alone is not UTF-8)
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Glove), .. "caf"u8, 0xE9, .. " 1 2 3\ncow 1 1 1\n"u8]);

        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path));
        Assert.Equal($"{path}: line 4, word 'caf\uFFFD': the line is not valid UTF-8 (undecodable bytes).", e.Message);
        var lenient = WordVectors.Load(path, policy: FusionKit.Data.Manifest.BadRowPolicy.Skip);
        Assert.Single(lenient.Skipped);
        Assert.True(lenient.Contains("cow"));
        Assert.DoesNotContain(lenient.Words, w => w.StartsWith("caf", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MalformedLineInsideGzipNamesFileAndLine()
    {
        var gz = _temp.File("bad.txt.gz");
        using (var gzip = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(Glove + "cow 1 2 nan-ish\n"));
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(gz));
        Assert.Contains("bad.txt.gz: line 4, word 'cow':", e.Message);
    }

    [Fact]
    public void Load_VocabularyFilterKeepsOnlyThoseWords()
    {
        var vectors = WordVectors.Load(_temp.Write("g.txt", Glove), vocabulary: ["cat", "unicorn"]);
        Assert.Equal(["cat"], vectors.Words);
        Assert.Equal(3, vectors.RecordsRead);
        Assert.NotNull(vectors.VocabularyFilter);
        AssertVector(vectors, "cat", -1.5f, 2f, 0.3f);
    }

    [Fact]
    public void Load_EmptyFileIsAnError()
    {
        var path = _temp.Write("empty.txt", "");
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => WordVectors.Load(path)).Message);
    }

    [Fact]
    public void Identity_ChangesWithContentAndNamesTheFile()
    {
        var a = WordVectors.Load(_temp.Write("g.txt", Glove)).Identity;
        var b = WordVectors.Load(_temp.Write("g.txt", Glove.Replace("0.1", "0.4"))).Identity;
        Assert.StartsWith("g.txt:", a);
        Assert.NotEqual(a, b);
    }
}
