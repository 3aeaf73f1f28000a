namespace FusionKit.Speech;

/// <summary>
/// Band-limited sample-rate conversion by windowed-sinc interpolation (Smith, "Digital Audio Resampling Home
/// Page", CCRMA, 2002; the method of libsamplerate and of <c>resampy</c>):
/// y[j] = Σ_k x[k] · 2f_c · sinc(2f_c (t_j − k)) · w((t_j − k) / H), with t_j = j · rate_in / rate_out in input
/// samples.
/// <para>The cut-off f_c = <see cref="Rolloff"/> · ½ · min(1, rate_out / rate_in) cycles per input sample, so when
/// downsampling everything above the new Nyquist frequency is removed before it can alias (a linear
/// interpolator would fold a 12 kHz tone at 44.1 kHz onto 4 kHz at 16 kHz). w is a Kaiser window with
/// β = <see cref="KaiserBeta"/> (side lobes about −90 dB) over half-width H = <see cref="ZeroCrossings"/> /
/// (2f_c) input samples. Samples outside the input count as zero. The output has
/// round(n · rate_out / rate_in) samples (halves rounded away from zero), so the duration is kept.</para>
/// </summary>
public static class Resampler
{
    /// <summary>Zero crossings of the sinc on each side of the centre: the filter's length (and sharpness).</summary>
    public const int ZeroCrossings = 16;

    /// <summary>Kaiser window β: 8.6 gives a stop band about 90 dB down (Kaiser's formula, β ≈ 0.1102 (A − 8.7)).</summary>
    public const double KaiserBeta = 8.6;

    /// <summary>Cut-off as a fraction of the lower Nyquist frequency: 0.95 leaves a 5 % transition band.</summary>
    public const double Rolloff = 0.95;

    /// <summary>Output length for <paramref name="inputLength"/> samples: round(n · to / from).</summary>
    public static int OutputLength(int inputLength, int fromRate, int toRate) =>
        (int)Math.Round((double)inputLength * toRate / fromRate, MidpointRounding.AwayFromZero);

    /// <summary>Resamples one channel from <paramref name="fromRate"/> to <paramref name="toRate"/> Hz (a copy when equal).</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate) return input.ToArray();
        var output = new float[OutputLength(input.Length, fromRate, toRate)];
        var step = (double)fromRate / toRate;                  // input samples per output sample
        var cutoff = Rolloff * 0.5 * Math.Min(1.0, (double)toRate / fromRate); // cycles per input sample
        var halfWidth = ZeroCrossings / (2 * cutoff);          // input samples each side
        var windowNorm = 1 / BesselI0(KaiserBeta);
        for (var j = 0; j < output.Length; j++)
        {
            var t = j * step;
            var first = Math.Max(0, (int)Math.Ceiling(t - halfWidth));
            var last = Math.Min(input.Length - 1, (int)Math.Floor(t + halfWidth));
            var sum = 0.0;
            for (var k = first; k <= last; k++)
            {
                var d = t - k;
                var r = d / halfWidth;
                var window = BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0, 1 - r * r))) * windowNorm;
                sum += input[k] * 2 * cutoff * Sinc(2 * cutoff * d) * window;
            }

            output[j] = (float)sum;
        }

        return output;
    }

    /// <summary>The clip mixed down to mono (the mean of its channels) and resampled to <paramref name="toRate"/> Hz.</summary>
    public static float[] ToMono(AudioClip clip, int toRate)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return Resample(clip.Mono(), clip.SampleRate, toRate);
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (converges fast for β ≤ 20).</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, quarter = x * x / 4;
        for (var k = 1; k < 50 && term > sum * 1e-12; k++)
        {
            term *= quarter / (k * k);
            sum += term;
        }

        return sum;
    }
}
