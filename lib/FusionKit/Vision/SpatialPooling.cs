namespace FusionKit.Vision;

/// <summary>
/// The pooled embedding of one row of spatial tokens (49 tokens of 512 at 224x224, token t at columns t*512 .. t*512+511,
/// the layout of <see cref="ResNet18OnnxEncoder.Spatial"/> and <see cref="ResNet18TorchEncoder.Spatial"/>): the mean of
/// its tokens, which is what the networks' 7x7 average pool computes from the same map, so one spatial pass over an image
/// gives both embeddings. In bfloat16 the mean is rounded to bfloat16, as the bf16 network's pool rounds its output.
/// </summary>
public static class SpatialPooling
{
    /// <summary>Tokens per row: the 7x7 map of layer4 at 224x224.</summary>
    public const int Tokens = 49;

    /// <summary>Floats per token: ResNet18's last stage has 512 channels.</summary>
    public const int Channels = 512;

    /// <summary>The mean of <paramref name="row"/>'s tokens (summed in double), as float32 or rounded to bfloat16.</summary>
    /// <exception cref="ArgumentException">A row of another length than 49 x 512.</exception>
    public static float[] Mean(ReadOnlySpan<float> row, ImagePrecision precision)
    {
        if (row.Length != Tokens * Channels)
            throw new ArgumentException($"A spatial row holds {Tokens} x {Channels} = {Tokens * Channels} floats, got {row.Length}.", nameof(row));
        var sums = new double[Channels];
        for (var t = 0; t < Tokens; t++)
        {
            var token = row.Slice(t * Channels, Channels);
            for (var c = 0; c < Channels; c++) sums[c] += token[c];
        }
        var pooled = new float[Channels];
        for (var c = 0; c < Channels; c++)
        {
            var mean = (float)(sums[c] / Tokens);
            pooled[c] = precision == ImagePrecision.BFloat16 ? RoundToBFloat16(mean) : mean;
        }
        return pooled;
    }

    /// <summary><paramref name="value"/> rounded to the nearest bfloat16 (ties to even), returned as float32: the upper 16
    /// bits of the float32 pattern, as libtorch converts float32 to bfloat16.</summary>
    public static float RoundToBFloat16(float value)
    {
        if (float.IsNaN(value)) return value;
        var bits = BitConverter.SingleToUInt32Bits(value);
        bits += 0x7FFFu + ((bits >> 16) & 1u);
        return BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000u);
    }
}
