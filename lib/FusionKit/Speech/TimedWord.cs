namespace FusionKit.Speech;

/// <summary>One recognised word and where it lies in the audio the user gave (padding removed), in seconds.</summary>
/// <param name="Word">The word as the recogniser's dictionary spells it, without pronunciation variants ("a", not "a(2)").</param>
/// <param name="StartSeconds">Start time from the beginning of the user's audio.</param>
/// <param name="EndSeconds">End time from the beginning of the user's audio.</param>
/// <param name="Confidence">The recogniser's posterior probability of the word, in [0, 1].</param>
public sealed record TimedWord(string Word, double StartSeconds, double EndSeconds, double Confidence);
