namespace FusionKit.Speech;

/// <summary>Why speech could not be turned into text.</summary>
public enum SpeechErrorKind
{
    /// <summary>The recogniser or synthesiser program is not installed (the message says how to install it).</summary>
    ToolMissing,

    /// <summary>The audio file is missing, not a WAV file, truncated or in an unsupported encoding.</summary>
    UnreadableAudio,

    /// <summary>The audio is silent or too quiet to hold speech, or the recogniser heard no words.</summary>
    NoSpeech,

    /// <summary>The grammar uses words the recogniser's dictionary does not know.</summary>
    UnknownWords,

    /// <summary>The program ran past its time limit, failed, or was cancelled.</summary>
    ToolFailed,
}
