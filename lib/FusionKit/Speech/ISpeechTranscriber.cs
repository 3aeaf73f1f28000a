namespace FusionKit.Speech;

/// <summary>Turns a spoken audio file into text.</summary>
public interface ISpeechTranscriber
{
    /// <summary>Transcribes the WAV file at <paramref name="audioPath"/>.</summary>
    /// <param name="audioPath">Any WAV file <see cref="WavFile"/> reads.</param>
    /// <param name="grammar">Restricts what can be heard to these phrases; null for the generic language model.</param>
    /// <param name="cancellationToken">Stops the recogniser.</param>
    /// <exception cref="SpeechException">Tool missing, unreadable audio, silence, unknown grammar words, time-out or failure (message for the user).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    SpeechTranscript Transcribe(string audioPath, SpeechGrammar? grammar = null, CancellationToken cancellationToken = default);
}
