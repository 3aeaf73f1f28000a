namespace FusionKit.Speech;

/// <summary>What a recogniser heard in one audio file.</summary>
/// <param name="Text">The recognised words, lower case, joined by single spaces (never empty: no words is a <see cref="SpeechErrorKind.NoSpeech"/> error).</param>
/// <param name="Words">The words with their times, in order (fillers such as silence and noise left out).</param>
/// <param name="AudioSeconds">Length of the user's audio.</param>
/// <param name="ElapsedSeconds">Wall-clock time of the whole transcription: reading, resampling and the recogniser (including its model loading).</param>
/// <param name="UsedGrammar">True when a <see cref="SpeechGrammar"/> restricted the recogniser, false for its generic language model.</param>
public sealed record SpeechTranscript(string Text, IReadOnlyList<TimedWord> Words, double AudioSeconds, double ElapsedSeconds, bool UsedGrammar);
