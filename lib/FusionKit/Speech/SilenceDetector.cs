namespace FusionKit.Speech;

/// <summary>
/// Decides whether audio holds anything a recogniser could hear, so that silence gets "no speech heard" rather
/// than an empty transcript. Audio is cut into frames of <see cref="FrameSeconds"/>; it is silent when its
/// loudest frame's RMS level is below <see cref="RmsThresholdDbfs"/> or its peak sample below
/// <see cref="PeakThresholdDbfs"/> (dB relative to full scale: 20·log10(level), full scale = 1).
/// <para>Defaults: speech at a normal recording level has 20 ms frames around −30 to −10 dBFS RMS; −50 dBFS
/// RMS is the floor of a quiet room through a typical microphone, and a peak under −40 dBFS (1 % of full scale)
/// is inaudible at normal playback volume. Both rules are level rules only: steady noise louder than the
/// thresholds is not silence here, and the recogniser then decides what it heard.</para>
/// </summary>
public sealed record SilenceDetector
{
    /// <summary>Frame length in seconds over which RMS is measured (20 ms, a usual speech analysis frame).</summary>
    public double FrameSeconds { get; init; } = 0.02;

    /// <summary>The loudest frame must reach this RMS level (dBFS) for the audio to count as sound.</summary>
    public double RmsThresholdDbfs { get; init; } = -50;

    /// <summary>The largest absolute sample must reach this level (dBFS) for the audio to count as sound.</summary>
    public double PeakThresholdDbfs { get; init; } = -40;

    /// <summary>Measures <paramref name="samples"/> (mono, in [-1, 1]) at <paramref name="sampleRate"/> Hz.</summary>
    public AudioLevel Measure(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var frame = Math.Max(1, (int)Math.Round(FrameSeconds * sampleRate));
        double peak = 0, loudest = 0;
        for (var start = 0; start < samples.Length; start += frame)
        {
            var chunk = samples.Slice(start, Math.Min(frame, samples.Length - start));
            double energy = 0;
            foreach (var s in chunk)
            {
                energy += (double)s * s;
                peak = Math.Max(peak, Math.Abs(s));
            }

            loudest = Math.Max(loudest, Math.Sqrt(energy / chunk.Length));
        }

        var peakDb = ToDbfs(peak);
        var rmsDb = ToDbfs(loudest);
        return new AudioLevel(peakDb, rmsDb, peakDb < PeakThresholdDbfs || rmsDb < RmsThresholdDbfs);
    }

    /// <summary>20·log10(level), with silence (0) as negative infinity.</summary>
    public static double ToDbfs(double level) => level <= 0 ? double.NegativeInfinity : 20 * Math.Log10(level);
}
