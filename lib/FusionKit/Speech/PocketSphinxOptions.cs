namespace FusionKit.Speech;

/// <summary>
/// Settings of <see cref="PocketSphinxTranscriber"/>; the defaults suit Debian 12's <c>pocketsphinx</c> and
/// <c>pocketsphinx-en-us</c> packages (0.8+5prealpha), whose US English acoustic model, CMU dictionary and
/// generic trigram language model the program finds by itself.
/// </summary>
public sealed record PocketSphinxOptions
{
    /// <summary>The decoder program, looked up on PATH (Debian installs it as <c>/usr/bin/pocketsphinx_continuous</c>).</summary>
    public string Executable { get; init; } = "pocketsphinx_continuous";

    /// <summary>Longest time one decoding may take before the program is stopped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Silence added before and after the user's audio, in seconds. Pocketsphinx's voice activity detector and
    /// its grammar search both expect a little silence around an utterance; synthesised speech starts at the
    /// first sample, and without it the grammar search can end in a non-final state and return nothing.
    /// </summary>
    public double PaddingSeconds { get; init; } = 0.3;

    /// <summary>
    /// Level (dBFS RMS) of the white noise added to the decoder's input, or null for none. Pocketsphinx takes the
    /// logarithm of each mel band's energy; bands that are digitally silent (the padding, or everything above
    /// 4 kHz in 8 kHz audio resampled to 16 kHz) give floor values the en-us model never saw in training, and
    /// decoding collapses: measured here, espeak-ng questions resampled from 8 or 11.025 kHz decoded to nothing
    /// with the grammar, and correctly once a noise floor near −60 dBFS was added. −60 dBFS is far below speech
    /// (about −20 dBFS) and leaves wide-band decoding unchanged. The noise is seeded, so results repeat.
    /// </summary>
    public double? NoiseFloorDbfs { get; init; } = -60;

    /// <summary>What counts as silence (checked on the user's audio before decoding).</summary>
    public SilenceDetector Silence { get; init; } = new();

    /// <summary>Acoustic model folder (<c>-hmm</c>); null for the program's default.</summary>
    public string? AcousticModel { get; init; }

    /// <summary>Pronunciation dictionary (<c>-dict</c>); null for the program's default.</summary>
    public string? Dictionary { get; init; }

    /// <summary>Language model used when no grammar is given (<c>-lm</c>); null for the program's default.</summary>
    public string? LanguageModel { get; init; }
}
