using FusionKit.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Tests.Data;

public class ImageFileDecoderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Encode(Image image, PngColorType colorType, PngBitDepth depth)
    {
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer, new PngEncoder { ColorType = colorType, BitDepth = depth });
        return buffer.ToArray();
    }

    [Fact]
    public void Gray16_GivesOneChannelScaledTo8Bits()
    {
        // L16 -> L8 keeps the high byte after rounding: 0x8080 -> 0x80, 0xFFFF -> 0xFF (ImageSharp's L16.ToL8 scaling).
        using var image = new Image<L16>(2, 1);
        image[0, 0] = new L16(0x8080);
        image[1, 0] = new L16(0xFFFF);
        var raw = ImageFileDecoder.Decode(Encode(image, PngColorType.Grayscale, PngBitDepth.Bit16));
        Assert.Equal((2, 1, 1), (raw.Width, raw.Height, raw.Channels));
        Assert.Equal([0x80, 0xFF], raw.Pixels);
    }

    [Fact]
    public void GrayWithAlpha_GivesOneChannel_AlphaDropped()
    {
        using var image = new Image<La16>(1, 1, new La16(77, 10));
        var raw = ImageFileDecoder.Decode(Encode(image, PngColorType.GrayscaleWithAlpha, PngBitDepth.Bit8));
        Assert.Equal(1, raw.Channels);
        Assert.Equal([77], raw.Pixels);
    }

    [Fact]
    public void Rgba_GivesThreeChannels_AlphaDropped()
    {
        using var image = new Image<Rgba32>(1, 1, new Rgba32(200, 100, 50, 3));
        var raw = ImageFileDecoder.Decode(Encode(image, PngColorType.RgbWithAlpha, PngBitDepth.Bit8));
        Assert.Equal(3, raw.Channels);
        Assert.Equal([200, 100, 50], raw.Pixels);
    }

    [Fact]
    public void DecodePath_NamesTheFile()
    {
        var path = _dir.File("empty.png");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.Decode(path));
        Assert.Equal($"{path}: the image file is empty.", e.Message);
        Assert.Throws<FileNotFoundException>(() => ImageFileDecoder.Decode(_dir.File("absent.png")));
    }

    [Fact]
    public void Crc32Helper_MatchesTheStandardCheckValue()
    {
        // The CRC-32/ISO-HDLC check value for "123456789" is 0xCBF43926 (reveng CRC catalogue); the bomb PNG relies on it.
        Assert.Equal(0xCBF43926u, TestFiles.Crc32("123456789"u8.ToArray()));
    }
}
