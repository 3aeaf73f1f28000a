using System.Buffers.Binary;
using System.IO.Compression;

namespace FusionKit.Data;

/// <summary>
/// Reads the IDX format of MNIST (<see href="http://yann.lecun.com/exdb/mnist/"/>): a big-endian header
/// (0, 0, type 0x08 = unsigned byte, number of dimensions; then one int32 per dimension) followed by the data.
/// Gzip-compressed and plain files are both accepted (told apart by the gzip signature 1F 8B).
/// The reader never decompresses more than the header declares plus one byte, and rejects headers that
/// declare more than <see cref="DefaultMaxDataBytes"/>, so a crafted file cannot exhaust memory.
/// Every error is an <see cref="InvalidDataException"/> whose message starts with the file name.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x0803;

    /// <summary>Magic number of an IDX label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x0801;

    /// <summary>Largest data section a header may declare unless the caller allows more: 1 GiB.</summary>
    public const long DefaultMaxDataBytes = 1L << 30;

    /// <summary>Reads an IDX image file (gzip or plain).</summary>
    public static IdxImages ReadImages(string path, long maxDataBytes = DefaultMaxDataBytes)
    {
        using var stream = OpenFile(path);
        return ReadImages(stream, Path.GetFileName(path), maxDataBytes);
    }

    /// <summary>Reads IDX images from a seekable <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static IdxImages ReadImages(Stream stream, string sourceName, long maxDataBytes = DefaultMaxDataBytes)
    {
        var (dims, data) = Read(stream, sourceName, ImagesMagic, "IDX images", 3, maxDataBytes);
        if (dims[1] == 0 || dims[2] == 0)
            throw new InvalidDataException($"{sourceName}: image size {dims[1]}x{dims[2]} in the header; rows and columns must be positive.");
        return new IdxImages(dims[0], dims[1], dims[2], data);
    }

    /// <summary>Reads an IDX label file (gzip or plain): one byte per item.</summary>
    public static byte[] ReadLabels(string path, long maxDataBytes = DefaultMaxDataBytes)
    {
        using var stream = OpenFile(path);
        return ReadLabels(stream, Path.GetFileName(path), maxDataBytes);
    }

    /// <summary>Reads IDX labels from a seekable <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static byte[] ReadLabels(Stream stream, string sourceName, long maxDataBytes = DefaultMaxDataBytes) =>
        Read(stream, sourceName, LabelsMagic, "IDX labels", 1, maxDataBytes).Data;

    /// <summary>
    /// Reads images and labels and checks that both files hold the same number of items.
    /// </summary>
    public static (IdxImages Images, byte[] Labels) ReadPair(string imagesPath, string labelsPath, long maxDataBytes = DefaultMaxDataBytes)
    {
        var images = ReadImages(imagesPath, maxDataBytes);
        var labels = ReadLabels(labelsPath, maxDataBytes);
        EnsureSameCount(images, labels, Path.GetFileName(imagesPath), Path.GetFileName(labelsPath));
        return (images, labels);
    }

    internal static void EnsureSameCount(IdxImages images, byte[] labels, string imagesName, string labelsName)
    {
        if (images.Count != labels.Length)
            throw new InvalidDataException($"{imagesName} holds {images.Count} images but {labelsName} holds {labels.Length} labels; the counts must agree.");
    }

    private static Stream OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: IDX file not found.", path);
        return File.OpenRead(path);
    }

    private static (int[] Dims, byte[] Data) Read(Stream raw, string name, int expectedMagic, string kind, int expectedDims, long maxDataBytes)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.CanSeek) throw new ArgumentException($"{name}: the IDX stream must be seekable.", nameof(raw));
        var source = raw;
        var limit = Math.Min(maxDataBytes, Array.MaxLength);
        Stream stream = IsGzip(source) ? new GZipStream(source, CompressionMode.Decompress, leaveOpen: true) : source;
        try
        {
            Span<byte> word = stackalloc byte[4];
            if (ReadFully(stream, word) < 4)
                throw new InvalidDataException($"{name}: file ends inside the 4-byte magic number; not an IDX file.");
            var magic = BinaryPrimitives.ReadInt32BigEndian(word);
            if (magic != expectedMagic)
                throw new InvalidDataException($"{name}: magic number {magic}, expected {expectedMagic} ({kind}).");

            var dims = new int[expectedDims];
            long total = 1;
            for (var d = 0; d < expectedDims; d++)
            {
                if (ReadFully(stream, word) < 4)
                    throw new InvalidDataException($"{name}: file ends inside the header (dimension {d + 1} of {expectedDims}).");
                dims[d] = BinaryPrimitives.ReadInt32BigEndian(word);
                if (dims[d] < 0)
                    throw new InvalidDataException($"{name}: dimension {d + 1} is {dims[d]} in the header; sizes cannot be negative.");
                total *= dims[d]; // total <= 2^31 before, a dimension < 2^31: no overflow
                if (total > limit)
                    throw new InvalidDataException(
                        $"{name}: header declares {string.Join('x', dims.Take(d + 1))}{(d + 1 < expectedDims ? "x..." : "")} bytes of data, more than the limit of {limit:N0}; refusing to read it.");
            }

            var data = new byte[total];
            var got = ReadFully(stream, data);
            if (got < total)
                throw new InvalidDataException(
                    $"{name}: truncated: header declares {string.Join('x', dims)} = {total:N0} bytes of data, the file holds only {got:N0}.");
            if (ReadFully(stream, word[..1]) > 0)
                throw new InvalidDataException(
                    $"{name}: more data than the header declares ({string.Join('x', dims)} = {total:N0} bytes); the header or the file is wrong.");
            return (dims, data);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(name + ":", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: corrupt gzip stream: {e.Message}", e);
        }
        finally
        {
            if (!ReferenceEquals(stream, source)) stream.Dispose();
        }
    }

    private static bool IsGzip(Stream stream)
    {
        Span<byte> signature = stackalloc byte[2];
        var start = stream.Position;
        var n = ReadFully(stream, signature);
        stream.Position = start;
        return n == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
