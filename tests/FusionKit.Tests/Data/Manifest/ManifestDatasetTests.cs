using FusionKit.Data.Manifest;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Tests.Data.Manifest;

/// <summary>
/// A tiny manifest dataset generated in a temp folder: a 3x2 colour PNG, a 5x4 grayscale PNG, a 6x7 colour BMP,
/// a 8x8 grayscale JPEG and a 4x4 colour GIF, plus helpers to add bad files.
/// </summary>
public sealed class ManifestFolder : IDisposable
{
    private readonly TempFolder _dir = new();

    public ManifestFolder()
    {
        using var colour = TestFiles.ColourPattern(3, 2);
        File.WriteAllBytes(Path("img/colour.png"), TestFiles.Png(colour, PngColorType.Rgb));
        using var gray = TestFiles.GrayPattern(5, 4);
        File.WriteAllBytes(Path("img/gray.png"), TestFiles.Png(gray, PngColorType.Grayscale));
        using var bmp = TestFiles.ColourPattern(6, 7);
        bmp.SaveAsBmp(Path("img/colour.bmp"));
        using var grayJpeg = new Image<L8>(8, 8, new L8(128));
        grayJpeg.SaveAsJpeg(Path("img/gray.jpg"), new JpegEncoder { ColorType = JpegColorType.Luminance, Quality = 100 });
        using var gif = new Image<Rgb24>(4, 4, new Rgb24(255, 0, 0));
        gif.SaveAsGif(Path("img/red.gif"));
    }

    public string Root => _dir.Path;

    public string Path(string relative)
    {
        var path = _dir.File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    public string Write(string name, string text) => _dir.Write(name, text);

    public void Dispose() => _dir.Dispose();
}

public class ManifestDatasetTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string GoodCsv =
        "image,text,label\n" +
        "img/colour.png,\"a shirt, \"\"red\"\" and blue\",shirt\n" +
        "img/gray.png,plain text,bag\r\n" +
        "img/colour.bmp,\"two\nlines\",shirt\n" +
        "img/gray.jpg,,coat\n" +
        "img/red.gif,gif,bag\n";

    [Fact]
    public void Csv_LoadsColourAndGrayscaleImagesOfDifferentSizes()
    {
        var path = _folder.Write("train.csv", GoodCsv);
        var result = ManifestDataset.Load(path);
        var d = result.Dataset;

        Assert.Empty(result.Skipped);
        Assert.Equal("train", d.Name);
        Assert.Equal(["bag", "coat", "shirt"], d.ClassNames); // sorted distinct labels
        Assert.Equal([2, 0, 2, 1, 0], d.Labels());
        Assert.Equal(["img/colour.png", "img/gray.png", "img/colour.bmp", "img/gray.jpg", "img/red.gif"], d.Samples.Select(s => s.Id));
        Assert.Equal(["a shirt, \"red\" and blue", "plain text", "two\nlines", null, "gif"], d.Samples.Select(s => s.Text));

        var colour = d.Samples[0].Image;
        Assert.Equal((3, 2, 3), (colour.Width, colour.Height, colour.Channels));
        // Pixel (x, y) = (10x + 1, 20y + 2, 3 + x + y), interleaved row-major: (x=1, y=1) at offset (1*3 + 1)*3.
        Assert.Equal([11, 22, 5], colour.Pixels[12..15]);
        Assert.Equal([1, 2, 3], colour.Pixels[..3]);

        var gray = d.Samples[1].Image;
        Assert.Equal((5, 4, 1), (gray.Width, gray.Height, gray.Channels));
        Assert.Equal(7 * 4 + 30 * 3, gray.Pixels[3 * 5 + 4]); // (x=4, y=3)

        var bmp = d.Samples[2].Image;
        Assert.Equal((6, 7, 3), (bmp.Width, bmp.Height, bmp.Channels));
        var at = (6 * 6 + 5) * 3; // (x=5, y=6) -> (51, 122, 14)
        Assert.Equal([51, 122, 14], bmp.Pixels[at..(at + 3)]);

        var jpeg = d.Samples[3].Image;
        Assert.Equal((8, 8, 1), (jpeg.Width, jpeg.Height, jpeg.Channels));
        Assert.All(jpeg.Pixels, p => Assert.InRange(p, 127, 129)); // flat gray 128, JPEG quality 100

        var gif = d.Samples[4].Image;
        Assert.Equal((4, 4, 3), (gif.Width, gif.Height, gif.Channels));
        Assert.Equal([255, 0, 0], gif.Pixels[..3]);
    }

    [Fact]
    public void Jsonl_LoadsTheSameDataAsCsv()
    {
        var csv = ManifestDataset.Load(_folder.Write("a.csv", GoodCsv)).Dataset;
        var jsonl = _folder.Write("a.jsonl",
            """
            {"image": "img/colour.png", "text": "a shirt, \"red\" and blue", "label": "shirt"}
            {"image": "img/gray.png", "text": "plain text", "label": "bag"}

            {"image": "img/colour.bmp", "text": "two\nlines", "label": "shirt", "extra": 1}
            {"image": "img/gray.jpg", "text": null, "label": "coat"}
            {"image": "img/red.gif", "text": "gif", "label": "bag"}
            """);
        var d = ManifestDataset.Load(jsonl).Dataset;
        Assert.Equal(csv.ClassNames, d.ClassNames);
        Assert.Equal(csv.Labels(), d.Labels());
        Assert.Equal(csv.Samples.Select(s => s.Text), d.Samples.Select(s => s.Text));
        Assert.Equal(csv.Samples.Select(s => s.Image.Pixels), d.Samples.Select(s => s.Image.Pixels));
        Assert.Equal(csv.Fingerprint, d.Fingerprint); // same content, same key
    }

    [Fact]
    public void ExplicitClasses_SetTheLabelOrder_AndClassesFileIsUsed()
    {
        var path = _folder.Write("m.csv", "image,text,label\nimg/colour.png,,shirt\nimg/gray.png,,bag\n");
        var given = ManifestDataset.Load(path, new ManifestLoadOptions { Classes = ["shirt", "coat", "bag"] }).Dataset;
        Assert.Equal(["shirt", "coat", "bag"], given.ClassNames);
        Assert.Equal([0, 2], given.Labels());

        _folder.Write("classes.txt", "bag\n\nshirt\nsandal\n");
        var fromFile = ManifestDataset.Load(path).Dataset;
        Assert.Equal(["bag", "shirt", "sandal"], fromFile.ClassNames);
        Assert.Equal([1, 0], fromFile.Labels());
        Assert.NotEqual(given.Fingerprint, fromFile.Fingerprint);
    }

    [Fact]
    public void Fingerprint_ChangesWithImageContent()
    {
        var path = _folder.Write("m.csv", "image,text,label\nimg/gray.png,,bag\n");
        var before = ManifestDataset.Load(path).Dataset.Fingerprint;
        Assert.Equal(before, ManifestDataset.Load(path).Dataset.Fingerprint);
        using var other = TestFiles.GrayPattern(5, 5);
        File.WriteAllBytes(_folder.Path("img/gray.png"), TestFiles.Png(other, PngColorType.Grayscale));
        Assert.NotEqual(before, ManifestDataset.Load(path).Dataset.Fingerprint);
    }

    private InvalidDataException LoadFails(string manifestName, string content, ManifestLoadOptions? options = null)
    {
        var path = _folder.Write(manifestName, content);
        var e = Assert.Throws<InvalidDataException>(() => ManifestDataset.Load(path, options));
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }

    [Fact]
    public void MissingImage_NamesManifestLineAndImage()
    {
        var e = LoadFails("m.csv", "image,text,label\nimg/gray.png,,bag\nimg/nope.png,,bag\n");
        Assert.Contains(": line 3, image 'img/nope.png': image file not found: ", e.Message);
        Assert.Contains(_folder.Path("img/nope.png"), e.Message);
    }

    [Fact]
    public void CorruptImage_NamesManifestLineAndImage()
    {
        File.WriteAllBytes(_folder.Path("img/noise.png"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var e = LoadFails("m.csv", "image,text,label\nimg/noise.png,,bag\n");
        Assert.Contains(": line 2, image 'img/noise.png': not a recognised image format", e.Message);

        var png = File.ReadAllBytes(_folder.Path("img/gray.png"));
        var garbled = png.ToArray();
        var idat = png.AsSpan().IndexOf("IDAT"u8.ToArray());
        var idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(idat - 4));
        for (var i = idat + 4; i < idat + 4 + idatLength; i++) garbled[i] ^= 0x5A; // data scrambled, chunk structure kept
        File.WriteAllBytes(_folder.Path("img/garbled.png"), garbled);
        e = LoadFails("m2.jsonl", "{\"image\": \"img/garbled.png\", \"label\": \"bag\"}\n");
        Assert.Contains(": line 1, image 'img/garbled.png': corrupt", e.Message);
    }

    [Fact]
    public void TruncatedPng_IsDetectedAlthoughImageSharpDecodesIt()
    {
        using var big = TestFiles.Noise(64, 64); // incompressible, so the cut falls inside the image data
        var png = TestFiles.SplitIdat(TestFiles.Png(big, PngColorType.Rgb), 1024);
        var half = png[..(png.Length / 2)];
        File.WriteAllBytes(_folder.Path("img/half.png"), half);
        using (var decoded = Image.Load(half)) Assert.Equal(64, decoded.Height); // the hazard: no exception
        var e = LoadFails("m.csv", "image,text,label\nimg/gray.png,,bag\nimg/half.png,,bag\n");
        Assert.Contains(": line 3, image 'img/half.png': truncated PNG", e.Message);

        File.WriteAllBytes(_folder.Path("img/whole.png"), png); // the same file uncut is accepted
        var whole = ManifestDataset.Load(_folder.Write("ok.csv", "image,text,label\nimg/whole.png,,bag\n")).Dataset.Samples[0].Image;
        Assert.Equal((64, 64, 3), (whole.Width, whole.Height, whole.Channels));
        Assert.Equal(big[63, 63].B, whole.Pixels[^1]);
    }

    [Theory]
    [InlineData("img/gray.jpg", "truncated JPEG")]
    [InlineData("img/red.gif", "truncated GIF")]
    [InlineData("img/colour.bmp", "truncated BMP")]
    public void TruncatedJpegGifBmp_AreDetected(string image, string reason)
    {
        var bytes = File.ReadAllBytes(_folder.Path(image));
        var cut = "img/cut" + Path.GetExtension(image);
        File.WriteAllBytes(_folder.Path(cut), bytes[..(bytes.Length - 3)]);
        var e = LoadFails("m.csv", $"image,text,label\n{cut},,bag\n");
        Assert.Contains($": line 2, image '{cut}': ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void UnknownLabel_NamesLabelAndClasses()
    {
        var e = LoadFails("m.csv", "image,text,label\nimg/gray.png,,bag\nimg/gray.png,,hat\n", new ManifestLoadOptions { Classes = ["bag", "shirt"] });
        Assert.EndsWith(": line 3, image 'img/gray.png': unknown label 'hat'; the classes are: bag, shirt.", e.Message);
    }

    [Fact]
    public void EmptyDataset_IsAnError()
    {
        var e = LoadFails("m.csv", "image,text,label\n");
        Assert.Contains("the dataset is empty", e.Message);
        e = LoadFails("m.jsonl", "\n\n");
        Assert.Contains("the dataset is empty", e.Message);
    }

    [Theory]
    [InlineData("image,text,label\nimg/gray.png,\"never closed,bag\nimg/gray.png,,bag\n", 2, "quoted field opened on line 2 is never closed")]
    [InlineData("image,text,label\nimg/gray.png,too,many,fields\n", 2, "4 fields, the header has 3")]
    [InlineData("image,text,label\nimg/gray.png,\"q\"x,bag\n", 2, "unexpected 'x' after the closing quote")]
    [InlineData("image,text,label\nimg/gray.png,,bag\nimg/gray.png,a \"b\",bag\n", 3, "a quote inside the unquoted field 2")]
    [InlineData("image,text,label\n,,bag\n", 2, "the image path is empty")]
    public void MalformedCsvRow_NamesLine(string csv, int line, string reason)
    {
        var e = LoadFails("m.csv", csv);
        Assert.Contains($": line {line}", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void MissingHeaderColumns_AreNamed()
    {
        var e = LoadFails("m.csv", "image,label\nimg/gray.png,bag\n");
        Assert.Contains("line 1: header lacks column text", e.Message);
    }

    [Theory]
    [InlineData("{\"image\": \"img/gray.png\", \"label\": \"bag\"\n", "malformed JSON line")]
    [InlineData("[1, 2]\n", "expected an object")]
    [InlineData("{\"image\": \"img/gray.png\", \"label\": 3}\n", "\"label\" must be a string")]
    [InlineData("{\"image\": \"img/gray.png\"}\n", "no \"label\" property")]
    public void MalformedJsonLine_NamesLine(string badLine, string reason)
    {
        var e = LoadFails("m.jsonl", "{\"image\": \"img/gray.png\", \"label\": \"bag\"}\n" + badLine);
        Assert.Contains(": line 2", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void DecompressionBomb_IsRejectedFromItsHeader()
    {
        // 100,000 x 100,000 = 10^10 pixels declared in a 70-byte file.
        File.WriteAllBytes(_folder.Path("img/bomb.png"), TestFiles.PngHeaderOnly(100_000, 100_000));
        var e = LoadFails("m.csv", "image,text,label\nimg/bomb.png,,bag\n");
        Assert.Contains(": line 2, image 'img/bomb.png': PNG image declares 100000x100000 = 10,000,000,000 pixels, above the limit of 40,000,000", e.Message);
    }

    [Fact]
    public void PixelLimit_IsConfigurable()
    {
        var path = _folder.Write("m.csv", "image,text,label\nimg/gray.png,,bag\n");
        Assert.Equal(1, ManifestDataset.Load(path, new ManifestLoadOptions { MaxPixels = 20 }).Dataset.Count); // 5x4 = 20
        var e = Assert.Throws<InvalidDataException>(() => ManifestDataset.Load(path, new ManifestLoadOptions { MaxPixels = 19 }));
        Assert.Contains("5x4 = 20 pixels, above the limit of 19", e.Message);
    }

    [Fact]
    public void SkipPolicy_ReportsEveryBadRow_AndKeepsTheGoodOnes()
    {
        File.WriteAllBytes(_folder.Path("img/noise.png"), [1, 2, 3]);
        var path = _folder.Write("m.csv",
            "image,text,label\n" +
            "img/gray.png,ok,bag\n" +        // 2 good
            "img/nope.png,,bag\n" +          // 3 missing
            "img/noise.png,,bag\n" +         // 4 corrupt
            "img/colour.png,,hat\n" +        // 5 unknown label
            "img/gray.png,a,b,c\n" +         // 6 malformed
            "img/colour.png,ok,shirt\n");    // 7 good
        var result = ManifestDataset.Load(path, new ManifestLoadOptions { Classes = ["bag", "shirt"], Policy = BadRowPolicy.Skip });

        Assert.Equal(2, result.Dataset.Count);
        Assert.Equal([0, 1], result.Dataset.Labels());
        Assert.Equal([3, 4, 5, 6], result.Skipped.Select(s => s.Line));
        Assert.All(result.Skipped, s => Assert.Equal(path, s.File));
        Assert.Equal(["img/nope.png", "img/noise.png", "img/colour.png", null], result.Skipped.Select(s => s.ImagePath));
        Assert.Contains("image file not found", result.Skipped[0].Reason);
        Assert.Contains("not a recognised image format", result.Skipped[1].Reason);
        Assert.Contains("unknown label 'hat'", result.Skipped[2].Reason);
        Assert.Contains("4 fields, the header has 3", result.Skipped[3].Reason);
        Assert.Equal($"{path}: line 3, image 'img/nope.png': {result.Skipped[0].Reason}", result.Skipped[0].ToString());
    }

    [Fact]
    public void SkipPolicy_WithEveryRowBad_IsStillAnError()
    {
        var e = LoadFails("m.csv", "image,text,label\nimg/nope.png,,bag\n", new ManifestLoadOptions { Policy = BadRowPolicy.Skip });
        Assert.Contains("the dataset is empty: all 1 rows were bad and skipped", e.Message);
    }

    [Fact]
    public void UnknownManifestExtension_IsRejected()
    {
        var e = LoadFails("m.txt", "image,text,label\n");
        Assert.Contains("unknown manifest format '.txt'", e.Message);
    }

    [Fact]
    public void DuplicateClassInClassesFile_NamesFileAndLine()
    {
        var classes = _folder.Write("classes.txt", "bag\nshirt\nbag\n");
        var path = _folder.Write("m.csv", "image,text,label\nimg/gray.png,,bag\n");
        var e = Assert.Throws<InvalidDataException>(() => ManifestDataset.Load(path));
        Assert.Equal($"{classes}: line 3: class 'bag' is listed twice.", e.Message);
    }
}
