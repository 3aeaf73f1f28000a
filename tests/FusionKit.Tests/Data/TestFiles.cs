using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Tests.Data;

/// <summary>Builders for tiny test files: IDX files and images (generated in the test, never committed).</summary>
internal static class TestFiles
{
    public static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return buffer.ToArray();
    }

    /// <summary>An RGB image whose pixel (x, y) is (10x + 1, 20y + 2, 3 + x + y).</summary>
    public static Image<Rgb24> ColourPattern(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(10 * x + 1), (byte)(20 * y + 2), (byte)(3 + x + y));
        return image;
    }

    /// <summary>An RGB image of seeded pseudo-random pixels (does not compress).</summary>
    public static Image<Rgb24> Noise(int width, int height)
    {
        var rng = new FusionKit.Data.SplitMix64(1);
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var r = rng.NextUInt64();
                image[x, y] = new Rgb24((byte)r, (byte)(r >> 8), (byte)(r >> 16));
            }
        return image;
    }

    /// <summary>A grayscale image whose pixel (x, y) is 7x + 30y.</summary>
    public static Image<L8> GrayPattern(int width, int height)
    {
        var image = new Image<L8>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new L8((byte)(7 * x + 30 * y));
        return image;
    }

    public static byte[] Png(Image image, PngColorType colorType)
    {
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer, new PngEncoder { ColorType = colorType, BitDepth = PngBitDepth.Bit8 });
        return buffer.ToArray();
    }

    /// <summary>
    /// A PNG that declares <paramref name="width"/> x <paramref name="height"/> in its IHDR but holds almost no data:
    /// the header of a decompression bomb. Chunk layout and CRC-32 per the PNG specification (ISO/IEC 15948).
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // grayscale
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]); // empty zlib stream
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// Rewrites a PNG with its image data split over IDAT chunks of <paramref name="size"/> bytes, as libpng writes
    /// them (8 KiB by default); the concatenated IDAT data is one zlib stream, so the image is unchanged (PNG spec 11.2.4).
    /// </summary>
    public static byte[] SplitIdat(byte[] png, int size)
    {
        var before = new List<(string Type, byte[] Data)>();
        var after = new List<(string Type, byte[] Data)>();
        var idat = new List<byte>();
        for (var pos = 8; pos < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length).ToArray();
            if (type == "IDAT") idat.AddRange(data);
            else (idat.Count == 0 ? before : after).Add((type, data));
            pos += 12 + length;
        }
        using var output = new MemoryStream();
        output.Write(png.AsSpan(0, 8));
        foreach (var (type, data) in before) WriteChunk(output, type, data);
        foreach (var piece in idat.Chunk(size)) WriteChunk(output, "IDAT", piece);
        foreach (var (type, data) in after) WriteChunk(output, type, data);
        return output.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        s.Write(header);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4).ToArray(), .. data]));
        s.Write(crc);
    }

    /// <summary>CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as PNG uses; Crc32("123456789") = 0xCBF43926.</summary>
    public static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
