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
    /// Level of the white noise added to the decoder's input, in dB relative to the RMS of the audio's loudest
    /// 20 ms frame, or null for none. Pocketsphinx takes the logarithm of each mel band's energy; bands that are
    /// digitally silent (the padding, or everything above 4 kHz in 8 kHz audio resampled to 16 kHz) give floor
    /// values the en-us model never saw in training, and decoding collapses. Chosen on ten validation phrasings
    /// spoken by espeak-ng (not the evaluation's twenty), grammar decoding, word errors out of 58 at 22 kHz and
    /// for the same audio as 8 kHz 8-bit: no noise 7 and 58; absolute floors of −70, −60, −50, −40 dBFS
    /// (about −55 to −25 dB below espeak-ng's loudest frame) 0 and 21, 13, 11, 0; relative floors of −30, −25,
    /// −20 dB 0 and 2, 0, 0. −25 dB is the quietest floor with no errors. Relative rather than absolute so a
    /// quiet recording is not drowned. The noise is seeded, so results repeat.
    /// </summary>
    public double? NoiseFloorDb { get; init; } = -25;

    /// <summary>What counts as silence (checked on the user's audio before decoding).</summary>
    public SilenceDetector Silence { get; init; } = new();

    /// <summary>Acoustic model folder (<c>-hmm</c>); null for the program's default.</summary>
    public string? AcousticModel { get; init; }

    /// <summary>Pronunciation dictionary (<c>-dict</c>); null for the program's default.</summary>
    public string? Dictionary { get; init; }

    /// <summary>Language model used when no grammar is given (<c>-lm</c>); null for the program's default.</summary>
    public string? LanguageModel { get; init; }
}
