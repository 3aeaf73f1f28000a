using System.Buffers.Binary;
using FusionKit.Speech;

namespace FusionKit.Tests.Speech;

public class WavFileTests
{
    [Fact]
    public void Read_Pcm16Stereo44k_KeepsChannelsAndScalesByFullScale()
    {
        using var temp = new TempFolder();
        // Left: 0, 16384, -32768, 32767; right: the negatives (hand-chosen 16-bit levels).
        short[] left = [0, 16384, -32768, 32767], right = [0, -16384, 32767, -32768];
        var data = new byte[16];
        for (var f = 0; f < 4; f++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(f * 4), left[f]);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(f * 4 + 2), right[f]);
        }

        var path = temp.File("stereo.wav");
        File.WriteAllBytes(path, TestWav.Build(1, 2, 44100, 16, data, oddListChunk: true));
        var clip = WavFile.Read(path);

        Assert.Equal(44100, clip.SampleRate);
        Assert.Equal(2, clip.Channels.Count);
        Assert.Equal([0f, 0.5f, -1f, 32767f / 32768], clip.Channels[0]);
        Assert.Equal([0f, -0.5f, 32767f / 32768, -1f], clip.Channels[1]);
        // Mono is the mean of the channels: (0.5 - 0.5)/2 = 0, (-1 + 32767/32768)/2 = -1/65536.
        Assert.Equal([0f, 0f, -1f / 65536, -1f / 65536], clip.Mono());
        Assert.Contains("stereo.wav (44100 Hz, 2 ch, PCM 16-bit)", clip.Source);
    }

    [Fact]
    public void Read_Unsigned8Bit_MapsMidpointToZero()
    {
        using var temp = new TempFolder();
        var path = temp.File("u8.wav");
        File.WriteAllBytes(path, TestWav.Build(1, 1, 8000, 8, [128, 0, 255, 192]));
        // (b - 128) / 128: 0, -1, 127/128, 0.5.
        Assert.Equal([0f, -1f, 127f / 128, 0.5f], WavFile.Read(path).Channels[0]);
    }

    [Fact]
    public void Read_Pcm24And32_SignExtendAndScale()
    {
        using var temp = new TempFolder();
        var p24 = temp.File("p24.wav");
        // 24-bit little-endian: 0x400000 = 2^22 -> 0.5; 0x800000 = -2^23 -> -1; 0xFFFFFF = -1 -> -2^-23.
        File.WriteAllBytes(p24, TestWav.Build(1, 1, 48000, 24, [0x00, 0x00, 0x40, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF]));
        Assert.Equal([0.5f, -1f, -1f / 8388608], WavFile.Read(p24).Channels[0]);

        var p32 = temp.File("p32.wav");
        var data = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(data, -1073741824); // -2^30 -> -0.5
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), int.MinValue);
        File.WriteAllBytes(p32, TestWav.Build(1, 1, 48000, 32, data, extensible: true));
        Assert.Equal([-0.5f, -1f], WavFile.Read(p32).Channels[0]);
    }

    [Fact]
    public void Read_Float32PlainAndExtensible_ReturnsSamplesAsStored()
    {
        using var temp = new TempFolder();
        var data = new byte[12];
        BinaryPrimitives.WriteSingleLittleEndian(data, 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -0.75f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8), 1f);
        foreach (var extensible in new[] { false, true })
        {
            var path = temp.File($"f32-{extensible}.wav");
            File.WriteAllBytes(path, TestWav.Build(3, 1, 22050, 32, data, extensible));
            var clip = WavFile.Read(path);
            Assert.Equal([0.25f, -0.75f, 1f], clip.Channels[0]);
            Assert.Equal(22050, clip.SampleRate);
        }
    }

    [Fact]
    public void Read_StreamedDataSize_ReadsToEndOfFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("streamed.wav");
        File.WriteAllBytes(path, TestWav.Build(1, 1, 16000, 16, TestWav.Pcm16([0.5f, -0.5f, 0.25f]), dataSizeField: uint.MaxValue));
        Assert.Equal(3, WavFile.Read(path).Length);
    }

    [Fact]
    public void WriteMono16_ThenRead_RoundTripsWithinOneLevel()
    {
        using var temp = new TempFolder();
        var path = temp.File("out/mono.wav");
        float[] samples = [0f, 0.5f, -0.5f, 1f, -1f, 2f];
        WavFile.WriteMono16(path, samples, 16000);
        var clip = WavFile.Read(path);
        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(44 + 2 * samples.Length, new FileInfo(path).Length);
        // Written as round(x * 32767), read as level / 32768; 2 is clipped to 1.
        float[] expected = [0f, 16384f / 32768, -16384f / 32768, 32767f / 32768, -32767f / 32768, 32767f / 32768];
        Assert.Equal(expected, clip.Channels[0]);
    }

    [Fact]
    public void Read_TextFile_SaysNotAWavFileAndNamesIt()
    {
        using var temp = new TempFolder();
        var path = temp.Write("question.wav", "is this a bag?");
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.StartsWith(path + " is not a WAV file", e.Message);
        Assert.Contains("'is this a ba'", e.Message);
        Assert.Contains("sox", e.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        using var temp = new TempFolder();
        var path = temp.Write("empty.wav", "");
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("the file is empty", e.Message);
    }

    [Fact]
    public void Read_TruncatedData_SaysTruncatedWithByteCounts()
    {
        using var temp = new TempFolder();
        var full = TestWav.Build(1, 1, 16000, 16, TestWav.Pcm16(new float[100]));
        var path = temp.File("cut.wav");
        File.WriteAllBytes(path, full[..^50]);
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.StartsWith(path + " is truncated", e.Message);
        Assert.Contains("declares 200 bytes but only 150 follow", e.Message);
    }

    [Fact]
    public void Read_HalfFrame_SaysTruncated()
    {
        using var temp = new TempFolder();
        var path = temp.File("odd.wav");
        File.WriteAllBytes(path, TestWav.Build(1, 2, 16000, 16, new byte[6]));
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.Contains("not a whole number of 4-byte sample frames", e.Message);
    }

    [Fact]
    public void Read_ALaw_NamesTheEncodingAndHowToConvert()
    {
        using var temp = new TempFolder();
        var path = temp.File("alaw.wav");
        File.WriteAllBytes(path, TestWav.Build(6, 1, 8000, 8, new byte[10]));
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.Equal($"{path} holds A-law audio (format tag 0x0006); only PCM and IEEE float are read; convert it to a PCM WAV file, for example with `sox INPUT output.wav`.", e.Message);
    }

    [Fact]
    public void Read_Unsupported12Bit_SaysWhichBitDepthsWork()
    {
        using var temp = new TempFolder();
        var path = temp.File("p12.wav");
        var bytes = TestWav.Build(1, 1, 8000, 16, new byte[4]);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 12); // bits per sample field
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.Contains("PCM samples of 12 bits; supported are PCM 8, 16, 24, 32 and float 32, 64", e.Message);
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        using var temp = new TempFolder();
        var path = temp.File("nowhere.wav");
        var e = Assert.Throws<FileNotFoundException>(() => WavFile.Read(path));
        Assert.Equal($"{path}: no such audio file.", e.Message);
    }
}
