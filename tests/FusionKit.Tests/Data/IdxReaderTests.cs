using FusionKit.Data;

namespace FusionKit.Tests.Data;

public class IdxReaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteFile(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static readonly byte[] ThreeImages2x2 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadPair_ReadsPlainAndGzipFiles(bool gzip)
    {
        byte[] Encode(byte[] b) => gzip ? TestFiles.Gzip(b) : b;
        var images = WriteFile("img", Encode(TestFiles.Idx(2051, [3, 2, 2], ThreeImages2x2)));
        var labels = WriteFile("lbl", Encode(TestFiles.Idx(2049, [3], [7, 0, 2])));

        var (read, readLabels) = IdxReader.ReadPair(images, labels);

        Assert.Equal((3, 2, 2), (read.Count, read.Rows, read.Columns));
        Assert.Equal(ThreeImages2x2, read.Pixels);
        Assert.Equal([7, 0, 2], readLabels);
        var second = read.Image(1);
        Assert.Equal((2, 2, 1), (second.Width, second.Height, second.Channels));
        Assert.Equal([5, 6, 7, 8], second.Pixels);
    }

    [Fact]
    public void WrongMagic_NamesFileAndBothNumbers()
    {
        var path = WriteFile("train-images-idx3-ubyte.gz", TestFiles.Gzip(TestFiles.Idx(2049, [3], [1, 2, 3])));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Equal("train-images-idx3-ubyte.gz: magic number 2049, expected 2051 (IDX images).", e.Message);
    }

    [Fact]
    public void TruncatedData_IsRejectedWithDeclaredAndActualSizes()
    {
        var cut = TestFiles.Idx(2051, [3, 2, 2], ThreeImages2x2)[..^2];
        var path = WriteFile("cut-images.gz", TestFiles.Gzip(cut));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith("cut-images.gz: truncated", e.Message);
        Assert.Contains("3x2x2 = 12 bytes", e.Message);
        Assert.Contains("only 10", e.Message);
    }

    [Fact]
    public void TruncatedHeader_IsRejected()
    {
        var path = WriteFile("short-labels", TestFiles.Idx(2049, [3], [1, 2, 3])[..6]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.StartsWith("short-labels: file ends inside the header", e.Message);
    }

    [Fact]
    public void TruncatedGzipStream_NamesFile()
    {
        var gz = TestFiles.Gzip(TestFiles.Idx(2051, [3, 2, 2], ThreeImages2x2));
        var path = WriteFile("cut.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith("cut.gz: ", e.Message);
    }

    [Fact]
    public void ExtraData_IsRejected()
    {
        var path = WriteFile("long-labels", TestFiles.Idx(2049, [3], [1, 2, 3, 4]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.StartsWith("long-labels: more data than the header declares", e.Message);
    }

    [Fact]
    public void CountMismatch_NamesBothFiles()
    {
        var images = WriteFile("a-images", TestFiles.Idx(2051, [3, 2, 2], ThreeImages2x2));
        var labels = WriteFile("a-labels", TestFiles.Idx(2049, [2], [1, 2]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadPair(images, labels));
        Assert.Equal("a-images holds 3 images but a-labels holds 2 labels; the counts must agree.", e.Message);
    }

    [Fact]
    public void BombHeader_IsRejectedBeforeDecompressing()
    {
        // 1,000,000 images of 30,000 x 30,000 bytes: 9e14 bytes declared, with 12 bytes of real data.
        var path = WriteFile("bomb-images.gz", TestFiles.Gzip(TestFiles.Idx(2051, [1_000_000, 30_000, 30_000], ThreeImages2x2)));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith("bomb-images.gz: header declares", e.Message);
        Assert.Contains("more than the limit", e.Message);
    }

    [Fact]
    public void MaxDataBytes_IsEnforcedExactly()
    {
        var path = WriteFile("img", TestFiles.Idx(2051, [3, 2, 2], ThreeImages2x2));
        Assert.Equal(3, IdxReader.ReadImages(path, maxDataBytes: 12).Count);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path, maxDataBytes: 11));
        Assert.Contains("limit of 11", e.Message);
    }

    [Fact]
    public void ZeroImageSize_IsRejected()
    {
        var path = WriteFile("flat", TestFiles.Idx(2051, [3, 0, 2], []));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith("flat: image size 0x2", e.Message);
    }

    [Fact]
    public void MissingFile_NamesPath()
    {
        var path = _dir.File("absent.gz");
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
    }
}
