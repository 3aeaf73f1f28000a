namespace FusionKit.Speech;

/// <summary>
/// Decoded audio: one array of samples per channel, each sample a float in [-1, 1] (full scale of the source
/// format), at <see cref="SampleRate"/> samples per second. <see cref="WavFile.Read"/> makes one from a file.
/// </summary>
public sealed class AudioClip
{
    /// <param name="channels">One array per channel, all the same length (at least one channel).</param>
    /// <param name="sampleRate">Samples per second per channel (positive).</param>
    /// <param name="source">Where the samples came from, for messages ("question.wav (44100 Hz, 2 ch, PCM 16-bit)").</param>
    public AudioClip(IReadOnlyList<float[]> channels, int sampleRate, string source)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0) throw new ArgumentException("An audio clip needs at least one channel.", nameof(channels));
        if (channels.Any(c => c is null || c.Length != channels[0].Length))
            throw new ArgumentException("Every channel must hold the same number of samples.", nameof(channels));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        Channels = channels;
        SampleRate = sampleRate;
        Source = source ?? "";
    }

    /// <summary>Samples per channel, each in [-1, 1].</summary>
    public IReadOnlyList<float[]> Channels { get; }

    public int SampleRate { get; }

    /// <summary>Where the samples came from, with their original format, for messages.</summary>
    public string Source { get; }

    /// <summary>Samples per channel.</summary>
    public int Length => Channels[0].Length;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Length / SampleRate);

    /// <summary>The mean of the channels, sample by sample (a mono clip returns its only channel, not a copy).</summary>
    public float[] Mono()
    {
        if (Channels.Count == 1) return Channels[0];
        var mono = new float[Length];
        foreach (var channel in Channels)
            for (var i = 0; i < mono.Length; i++) mono[i] += channel[i];
        var scale = 1f / Channels.Count;
        for (var i = 0; i < mono.Length; i++) mono[i] *= scale;
        return mono;
    }
}
