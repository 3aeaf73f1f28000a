namespace FusionKit.Speech.Scoring;

/// <summary>One question of a <see cref="SpokenQuestionEvaluation"/>: what was said and what each decoder heard.</summary>
/// <param name="Question">The text that was synthesised (the reference transcript).</param>
/// <param name="AudioSeconds">Length of the synthesised audio.</param>
/// <param name="Grammar">What the recogniser heard when restricted to the grammar.</param>
/// <param name="Generic">What the recogniser heard with its generic language model.</param>
public sealed record SpokenQuestionResult(string Question, double AudioSeconds, DecodeOutcome Grammar, DecodeOutcome Generic);
