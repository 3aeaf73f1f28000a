using System.Text;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// Reads a stream line by line ('\n' ends a line; a '\r' before it and a UTF-8 byte order mark at the start are
/// dropped) and decodes each line as strict UTF-8, so undecodable bytes are reported with their line instead of
/// being replaced silently.
/// </summary>
internal sealed class Utf8LineReader(Stream stream)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _line = new byte[1 << 12];
    private char[] _chars = new char[1 << 12];
    private int _start;
    private int _end;
    private bool _first = true;

    /// <summary>The number of the line last returned (1-based).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line, or false at the end of the stream. <paramref name="text"/> is valid until the next call;
    /// when the line is not valid UTF-8 it holds the line decoded with replacement characters and
    /// <paramref name="valid"/> is false.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<char> text, out bool valid)
    {
        var length = 0;
        var found = false;
        while (!found)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = stream.Read(_buffer, 0, _buffer.Length);
                if (_end == 0) break;
            }
            var chunk = _buffer.AsSpan(_start, _end - _start);
            var newline = chunk.IndexOf((byte)'\n');
            var take = newline < 0 ? chunk : chunk[..newline];
            if (length + take.Length > _line.Length) Array.Resize(ref _line, Math.Max(_line.Length * 2, length + take.Length));
            take.CopyTo(_line.AsSpan(length));
            length += take.Length;
            _start += newline < 0 ? chunk.Length : newline + 1;
            found = newline >= 0;
        }
        if (!found && length == 0)
        {
            text = default;
            valid = true;
            return false;
        }
        LineNumber++;
        var bytes = _line.AsSpan(0, length);
        if (_first)
        {
            _first = false;
            if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        }
        if (bytes.EndsWith("\r"u8)) bytes = bytes[..^1];
        if (_chars.Length < bytes.Length) _chars = new char[Math.Max(_chars.Length * 2, bytes.Length)];
        try
        {
            text = _chars.AsSpan(0, Strict.GetChars(bytes, _chars));
            valid = true;
        }
        catch (DecoderFallbackException)
        {
            text = _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
            valid = false;
        }
        return true;
    }
}
