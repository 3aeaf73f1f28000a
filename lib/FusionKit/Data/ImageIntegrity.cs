using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace FusionKit.Data;

/// <summary>
/// Detects truncated image files by their container structure. Needed because ImageSharp 2.1 decodes a PNG
/// cut in half without an exception (the missing rows come out black). Checks, per format:
/// PNG: every chunk lies inside the file and an IEND chunk is reached (PNG spec, section 5.3);
/// JPEG: the file ends with the EOI marker FF D9; GIF: it ends with the trailer 0x3B;
/// BMP (uncompressed): the pixel array declared by the header fits in the file;
/// WebP: the file is at least as long as its RIFF header declares. Trailing zero padding is tolerated.
/// </summary>
internal static class ImageIntegrity
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Why the file looks truncated, or null when its structure is complete (or the format has no check).</summary>
    public static string? FindTruncation(IImageFormat format, ReadOnlySpan<byte> bytes) => format switch
    {
        PngFormat => CheckPng(bytes),
        JpegFormat => EndsWith(bytes, [0xFF, 0xD9]) ? null : "truncated JPEG: the file does not end with the EOI marker FF D9.",
        GifFormat => EndsWith(bytes, [0x3B]) ? null : "truncated GIF: the file does not end with the trailer byte 0x3B.",
        BmpFormat => CheckBmp(bytes),
        WebpFormat => CheckWebp(bytes),
        _ => null,
    };

    private static bool EndsWith(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> tail)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] == 0) end--;
        return bytes[..end].EndsWith(tail);
    }

    private static string? CheckPng(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith(PngSignature)) return "not a PNG: the 8-byte signature is wrong.";
        long pos = PngSignature.Length;
        while (pos + 8 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice((int)pos, 4));
            var type = System.Text.Encoding.ASCII.GetString(bytes.Slice((int)pos + 4, 4));
            var end = pos + 12 + length;
            if (end > bytes.Length)
                return $"truncated PNG: chunk '{type}' at byte {pos} needs {length:N0} data bytes, the file ends at byte {bytes.Length:N0}.";
            if (type == "IEND") return null;
            pos = end;
        }
        return $"truncated PNG: the file ends after {bytes.Length:N0} bytes without its IEND chunk.";
    }

    private static string? CheckBmp(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30) return $"truncated BMP: {bytes.Length} bytes is shorter than the headers.";
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(bytes[14..]);
        if (headerSize < 40 || bytes.Length < 14 + 40) return null; // old OS/2 headers: left to the decoder
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[10..]);
        long width = BinaryPrimitives.ReadInt32LittleEndian(bytes[18..]);
        long height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(bytes[22..]));
        int bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(bytes[30..]);
        if (compression is not (0 or 3) || width <= 0 || bitsPerPixel == 0) return null; // RLE etc.: sizes vary
        var stride = (width * bitsPerPixel + 31) / 32 * 4;
        var needed = offset + stride * height;
        return needed > bytes.Length
            ? $"truncated BMP: the header declares pixel data up to byte {needed:N0}, the file has {bytes.Length:N0} bytes."
            : null;
    }

    private static string? CheckWebp(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12) return $"truncated WebP: {bytes.Length} bytes is shorter than the RIFF header.";
        long declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) + 8L;
        return declared > bytes.Length
            ? $"truncated WebP: the RIFF header declares {declared:N0} bytes, the file has {bytes.Length:N0}."
            : null;
    }
}
