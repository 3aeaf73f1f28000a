using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FusionKit.Data;

namespace FusionKit.Caching;

/// <summary>
/// The cache's on-disk matrix format: 8-byte magic "FKEMB001", int32 rows, int32 dimension (little-endian),
/// then rows*dimension float32 little-endian values. Written atomically; a file whose length disagrees with
/// its header is reported as corrupt.
/// </summary>
public static class EmbeddingFile
{
    private static readonly byte[] Magic = "FKEMB001"u8.ToArray();
    private const int HeaderSize = 16;

    public static void Write(string path, EmbeddingMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], matrix.Rows);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], matrix.Dimension);
            stream.Write(header);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The embedding cache needs a little-endian machine.");
            stream.Write(MemoryMarshal.AsBytes(matrix.Data.AsSpan()));
        });
    }

    /// <exception cref="InvalidDataException">The file is not an embedding file or is truncated; the message names it.</exception>
    public static EmbeddingMatrix Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[HeaderSize];
        if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize || !header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a FusionKit embedding file (bad header).");
        var rows = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var dim = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var expected = HeaderSize + (long)rows * dim * sizeof(float);
        if (rows < 0 || dim <= 0 || stream.Length != expected)
            throw new InvalidDataException($"{path}: corrupt embedding file (header says {rows}x{dim}, expected {expected} bytes, found {stream.Length}).");
        var data = new float[rows * dim];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return new EmbeddingMatrix(rows, dim, data);
    }
}
