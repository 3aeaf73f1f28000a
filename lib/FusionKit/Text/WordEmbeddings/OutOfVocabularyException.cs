namespace FusionKit.Text.WordEmbeddings;

/// <summary>A text could not be embedded under the chosen <see cref="OutOfVocabularyPolicy"/>.</summary>
public sealed class OutOfVocabularyException(OutOfVocabularyReport report, string message) : InvalidOperationException(message)
{
    /// <summary>The offending text, its tokens and the ones without vectors.</summary>
    public OutOfVocabularyReport Report { get; } = report;
}
