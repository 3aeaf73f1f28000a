using System.Buffers.Binary;

namespace FusionKit.Tests.Speech;

/// <summary>Hand-made WAV files and signals for the speech tests (every byte written here, not by the reader under test).</summary>
internal static class TestWav
{
    /// <summary>A RIFF/WAVE file: a 'fmt ' chunk (16 bytes, or 40 with the extensible sub-format), an optional LIST chunk of odd size, then 'data'.</summary>
    public static byte[] Build(ushort formatTag, int channels, int rate, int bits, byte[] data, bool extensible = false, bool oddListChunk = false, uint? dataSizeField = null)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(0u); // filled below
        w.Write("WAVE"u8);
        if (oddListChunk)
        {
            w.Write("LIST"u8);
            w.Write(3u);
            w.Write(new byte[] { 1, 2, 3, 0 }); // 3 bytes + pad byte
        }

        w.Write("fmt "u8);
        w.Write(extensible ? 40u : 16u);
        w.Write(extensible ? (ushort)0xFFFE : formatTag);
        w.Write((ushort)channels);
        w.Write((uint)rate);
        w.Write((uint)(rate * channels * bits / 8));
        w.Write((ushort)(channels * bits / 8));
        w.Write((ushort)bits);
        if (extensible)
        {
            w.Write((ushort)22);            // cbSize
            w.Write((ushort)bits);          // valid bits
            w.Write(0u);                    // channel mask
            w.Write(formatTag);             // sub-format GUID: tag, then the fixed tail 0000-0010-8000-00AA00389B71
            w.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }

        w.Write("data"u8);
        w.Write(dataSizeField ?? (uint)data.Length);
        w.Write(data);
        w.Flush();
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    /// <summary>Interleaves channels of floats in [-1, 1] as little-endian signed 16-bit PCM (rounded, ×32767).</summary>
    public static byte[] Pcm16(params float[][] channels)
    {
        var frames = channels[0].Length;
        var data = new byte[frames * channels.Length * 2];
        for (var f = 0; f < frames; f++)
            for (var c = 0; c < channels.Length; c++)
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan((f * channels.Length + c) * 2), (short)Math.Round(Math.Clamp(channels[c][f], -1f, 1f) * 32767));
        return data;
    }

    /// <summary>Mono unsigned 8-bit PCM (128 = 0; rounded, ×127).</summary>
    public static byte[] Pcm8(float[] samples) =>
        samples.Select(s => (byte)(128 + Math.Round(Math.Clamp(s, -1f, 1f) * 127))).ToArray();

    /// <summary>amplitude · sin(2π f t) for <paramref name="seconds"/> at <paramref name="rate"/> Hz.</summary>
    public static float[] Sine(double frequency, int rate, double seconds, double amplitude = 0.5) =>
        Enumerable.Range(0, (int)Math.Round(seconds * rate)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    /// <summary>The amplitude of the <paramref name="frequency"/> component of <paramref name="x"/> (a single DFT bin, i.e. Goertzel) over the samples in [from, to).</summary>
    public static double Amplitude(float[] x, double frequency, int rate, int from, int to)
    {
        double re = 0, im = 0;
        for (var i = from; i < to; i++)
        {
            var phase = 2 * Math.PI * frequency * i / rate;
            re += x[i] * Math.Cos(phase);
            im += x[i] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt(re * re + im * im) / (to - from);
    }

    /// <summary>Root mean square of x[from..to).</summary>
    public static double Rms(float[] x, int from, int to) => Math.Sqrt(x[from..to].Sum(v => (double)v * v) / (to - from));
}
