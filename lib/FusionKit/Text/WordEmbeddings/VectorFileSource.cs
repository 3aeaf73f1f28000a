using System.IO.Compression;
using System.Security.Cryptography;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// A word-vector file on disk, plain (.txt, .vec, .bin), gzip-compressed (.gz) or zipped (.zip: its first entry
/// that is a vector file). Each <see cref="OpenRead"/> returns a fresh stream of the uncompressed bytes.
/// </summary>
public sealed class VectorFileSource
{
    private static readonly string[] VectorEntryExtensions = [".txt", ".vec", ".bin"];
    private const long FullHashLimit = 64L << 20;
    private const int PartialHashBytes = 1 << 20;

    public VectorFileSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(Path)) throw new FileNotFoundException($"Word-vector file not found: {Path}", Path);
        var lower = Path.ToLowerInvariant();
        Compression = lower.EndsWith(".zip", StringComparison.Ordinal) ? "zip" : lower.EndsWith(".gz", StringComparison.Ordinal) ? "gzip" : "none";
        EntryName = Compression == "zip" ? FindZipEntry(Path) : null;
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>"none", "gzip" or "zip".</summary>
    public string Compression { get; }

    /// <summary>The zip entry that is read, or null for other files.</summary>
    public string? EntryName { get; }

    /// <summary>The name used in messages: file name, plus "!entry" inside a zip.</summary>
    public string DisplayName => EntryName is null ? System.IO.Path.GetFileName(Path) : $"{System.IO.Path.GetFileName(Path)}!{EntryName}";

    /// <summary>Opens the uncompressed content for reading; the caller disposes it.</summary>
    public Stream OpenRead()
    {
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        switch (Compression)
        {
            case "gzip":
                return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16);
            case "zip":
                var archive = new ZipArchive(file, ZipArchiveMode.Read);
                var entry = archive.GetEntry(EntryName!) ?? throw new InvalidDataException($"{DisplayName}: the zip entry vanished.");
                return new OwningStream(new BufferedStream(entry.Open(), 1 << 16), archive);
            default:
                return file;
        }
    }

    /// <summary>
    /// Identifies the file's content for cache keys: its name, size and SHA-256 (the whole file up to 64 MiB;
    /// above that, of its first and last MiB plus the size, so a 1-GB file is not hashed in full).
    /// </summary>
    public string ComputeIdentity()
    {
        var length = new FileInfo(Path).Length;
        string hash;
        using (var stream = File.OpenRead(Path))
        {
            if (length <= FullHashLimit)
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            else
            {
                var buffer = new byte[2 * PartialHashBytes];
                stream.ReadExactly(buffer, 0, PartialHashBytes);
                stream.Seek(-PartialHashBytes, SeekOrigin.End);
                stream.ReadExactly(buffer, PartialHashBytes, PartialHashBytes);
                hash = "ends-" + Convert.ToHexStringLower(SHA256.HashData(buffer));
            }
        }
        return $"{System.IO.Path.GetFileName(Path)}:{length}:{hash[..Math.Min(hash.Length, 21)]}";
    }

    private static string FindZipEntry(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var entry = archive.Entries.FirstOrDefault(e =>
            !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !e.Name.StartsWith("._", StringComparison.Ordinal)
            && VectorEntryExtensions.Any(x => e.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase)));
        return entry?.FullName ?? throw new InvalidDataException(
            $"{System.IO.Path.GetFileName(path)}: the zip holds no vector file (.txt, .vec or .bin); entries: {string.Join(", ", archive.Entries.Select(e => e.FullName))}.");
    }

    /// <summary>A read-only stream that also disposes the archive it came from.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
