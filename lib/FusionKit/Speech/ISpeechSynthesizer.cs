namespace FusionKit.Speech;

/// <summary>Turns text into a spoken WAV file.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Speaks <paramref name="text"/> into a WAV file at <paramref name="wavPath"/> (replacing it).</summary>
    /// <exception cref="SpeechException">Tool missing, time-out or failure (message for the user).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    void Synthesize(string text, string wavPath, CancellationToken cancellationToken = default);

    /// <summary>What voice this is, for reports ("espeak-ng en-us, 175 words/min").</summary>
    string Description { get; }
}
