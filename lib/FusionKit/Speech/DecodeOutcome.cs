using FusionKit.Speech.Scoring;

namespace FusionKit.Speech;

/// <summary>One decoding of one spoken question in a <see cref="SpokenQuestionEvaluation"/>.</summary>
/// <param name="Transcript">The words heard, normalised; empty when the recogniser heard none (then <paramref name="Failure"/> says why).</param>
/// <param name="Errors">Word edits against the question.</param>
/// <param name="Seconds">Wall-clock time of the transcription.</param>
/// <param name="Failure">The recogniser's "no speech heard" message when it returned no words, else null.</param>
public sealed record DecodeOutcome(string Transcript, WordErrors Errors, double Seconds, string? Failure)
{
    /// <summary>True when the transcript equals the question word for word (after normalisation).</summary>
    public bool IsExact => Errors.Errors == 0;
}
