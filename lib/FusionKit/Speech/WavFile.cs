using System.Buffers.Binary;
using System.Text;
using FusionKit.Data;

namespace FusionKit.Speech;

/// <summary>
/// Reads and writes RIFF/WAVE files (Microsoft's "Multimedia Programming Interface and Data Specifications 1.0",
/// 1991, and the WAVE_FORMAT_EXTENSIBLE amendment).
/// <para>Reads: integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64 bits, any number of
/// channels and any sample rate, in the plain (<c>wFormatTag</c> 1 or 3) or the extensible layout (0xFFFE, whose
/// sub-format GUID then says PCM or float). Integer samples are scaled by 2^(bits-1) so full scale maps to [-1, 1).
/// Chunks other than <c>fmt </c> and <c>data</c> (LIST, fact, cue...) are skipped, honouring the pad byte after an
/// odd-sized chunk. A data chunk whose size is 0xFFFFFFFF (written by programs that stream to a pipe and cannot go
/// back to fill it in) is read to the end of the file.</para>
/// <para>Every problem (not a WAV file, a compressed encoding such as A-law or ADPCM, RF64, a truncated file)
/// throws <see cref="InvalidDataException"/> whose message starts with the file's path and says what to do.</para>
/// </summary>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;
    private const string ConvertHint = "convert it to a PCM WAV file, for example with `sox INPUT output.wav`";

    /// <summary>Reads <paramref name="path"/> into float samples per channel.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (message names it).</exception>
    /// <exception cref="InvalidDataException">The file is not a WAV file this reader supports, or is truncated (message names it).</exception>
    public static AudioClip Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such audio file.", path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: the audio file cannot be read ({e.Message}).", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Decodes the bytes of a WAV file; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">Not a supported WAV file, or truncated.</exception>
    public static AudioClip Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length >= 4 && bytes[..4].SequenceEqual("RF64"u8))
            throw Bad(name, "is an RF64 (over 4 GB) WAV file, which this reader does not support; split it or " + ConvertHint);
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
            throw Bad(name, $"is not a WAV file (a WAV file starts with 'RIFF....WAVE'; this one starts with {Describe(bytes[..Math.Min(12, bytes.Length)])}); " + ConvertHint);

        Format? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes.Slice(position, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (id == "data")
            {
                if (format is null) throw Bad(name, "has its 'data' chunk before the 'fmt ' chunk that describes it; " + ConvertHint);
                var available = bytes.Length - body;
                var length = size == uint.MaxValue ? available - available % format.BlockAlign : (long)size;
                if (length > available)
                    throw Bad(name, $"is truncated: its data chunk declares {size:N0} bytes but only {available:N0} follow; re-export or re-record it");
                if (length % format.BlockAlign != 0)
                    throw Bad(name, $"is truncated: its data chunk holds {length:N0} bytes, not a whole number of {format.BlockAlign}-byte sample frames");
                return Decode(bytes.Slice(body, (int)length), format, name);
            }

            if (size > bytes.Length - body)
                throw Bad(name, $"is truncated: its '{Printable(id)}' chunk declares {size:N0} bytes but only {bytes.Length - body:N0} follow");
            if (id == "fmt ") format = ReadFormat(bytes.Slice(body, (int)size), name);
            position = body + (int)size + (int)(size & 1);
        }

        throw Bad(name, format is null
            ? "has no 'fmt ' chunk describing its samples (the file is damaged or truncated)"
            : "has no 'data' chunk (the file is damaged or truncated)");
    }

    /// <summary>
    /// Writes a mono 16-bit PCM WAV file (the plain 44-byte header) atomically. Samples are clipped to [-1, 1]
    /// and rounded to the nearest of the 65,536 levels (no dither).
    /// </summary>
    public static void WriteMono16(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var data = samples.Length * 2;
        var bytes = new byte[44 + data];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + data));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)data);
        for (var i = 0; i < samples.Length; i++)
        {
            var level = Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767.0);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], (short)level);
        }

        AtomicFile.WriteAllBytes(path, bytes);
    }

    private sealed record Format(bool IsFloat, int Channels, int SampleRate, int BitsPerSample, int BlockAlign)
    {
        public override string ToString() =>
            $"{SampleRate} Hz, {Channels} ch, {(IsFloat ? "float" : "PCM")} {BitsPerSample}-bit";
    }

    private static Format ReadFormat(ReadOnlySpan<byte> fmt, string name)
    {
        if (fmt.Length < 16) throw Bad(name, $"has a 'fmt ' chunk of {fmt.Length} bytes (at least 16 expected): the file is damaged");
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible)
        {
            if (fmt.Length < 40) throw Bad(name, "declares WAVE_FORMAT_EXTENSIBLE but its 'fmt ' chunk is too short to hold the sub-format: the file is damaged");
            // The sub-format GUID's first two bytes are the plain format tag (KSDATAFORMAT_SUBTYPE_PCM = 0x0001, _IEEE_FLOAT = 0x0003).
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        var isFloat = tag == FormatFloat;
        if (tag != FormatPcm && !isFloat)
            throw Bad(name, $"holds {TagName(tag)} audio (format tag 0x{tag:X4}); only PCM and IEEE float are read; " + ConvertHint);
        if (channels == 0) throw Bad(name, "declares 0 channels: the file is damaged");
        if (rate == 0 || rate > int.MaxValue) throw Bad(name, $"declares a sample rate of {rate} Hz: the file is damaged");
        var supported = isFloat ? bits is 32 or 64 : bits is 8 or 16 or 24 or 32;
        if (!supported)
            throw Bad(name, $"holds {(isFloat ? "float" : "PCM")} samples of {bits} bits; supported are PCM 8, 16, 24, 32 and float 32, 64; " + ConvertHint);
        if (blockAlign != channels * bits / 8)
            throw Bad(name, $"declares {blockAlign}-byte sample frames, but {channels} channel(s) of {bits} bits take {channels * bits / 8}: the file is damaged");
        return new Format(isFloat, channels, (int)rate, bits, blockAlign);
    }

    private static AudioClip Decode(ReadOnlySpan<byte> data, Format format, string name)
    {
        var frames = data.Length / format.BlockAlign;
        var bytesPerSample = format.BitsPerSample / 8;
        var channels = new float[format.Channels][];
        for (var c = 0; c < channels.Length; c++) channels[c] = new float[frames];
        for (var f = 0; f < frames; f++)
            for (var c = 0; c < channels.Length; c++)
            {
                var s = data.Slice(f * format.BlockAlign + c * bytesPerSample, bytesPerSample);
                channels[c][f] = (format.IsFloat, format.BitsPerSample) switch
                {
                    (true, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
                    (true, _) => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
                    (false, 8) => (s[0] - 128) / 128f,
                    (false, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                    (false, 24) => ((s[0] << 8 | s[1] << 16 | s[2] << 24) >> 8) / 8388608f,
                    _ => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
                };
            }

        return new AudioClip(channels, format.SampleRate, $"{name} ({format})");
    }

    private static string TagName(ushort tag) => tag switch
    {
        2 => "Microsoft ADPCM",
        6 => "A-law",
        7 => "mu-law",
        0x11 => "IMA ADPCM",
        0x31 => "GSM 6.10",
        0x55 => "MP3",
        _ => "compressed",
    };

    private static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "nothing (the file is empty)";
        var text = new StringBuilder("'");
        foreach (var b in head) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        return text.Append('\'').ToString();
    }

    private static string Printable(string id) => new(id.Select(ch => ch is >= ' ' and < '\x7f' ? ch : '.').ToArray());

    private static InvalidDataException Bad(string name, string what) => new($"{name} {what}.");
}
