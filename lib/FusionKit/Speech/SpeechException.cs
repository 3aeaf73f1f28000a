namespace FusionKit.Speech;

/// <summary>
/// A speech operation that could not complete for a reason the user can act on. <see cref="Exception.Message"/>
/// is written for the user: it names the file or program and says what to do, so a command line prints it as is.
/// </summary>
public sealed class SpeechException : Exception
{
    public SpeechException(SpeechErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public SpeechErrorKind Kind { get; }
}
