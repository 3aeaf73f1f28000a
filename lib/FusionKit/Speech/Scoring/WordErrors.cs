namespace FusionKit.Speech.Scoring;

/// <summary>
/// Word-level edit counts between a reference and a hypothesis: the minimum number of substitutions (S),
/// deletions (D) and insertions (I) that turn the reference into the hypothesis, and the reference length N.
/// Counts add up over utterances (<see cref="op_Addition"/>), so a corpus WER is Σ(S+D+I) / ΣN, as NIST's
/// sclite reports it, not a mean of per-utterance rates.
/// </summary>
public sealed record WordErrors(int Substitutions, int Deletions, int Insertions, int ReferenceWords)
{
    public static readonly WordErrors None = new(0, 0, 0, 0);

    /// <summary>S + D + I.</summary>
    public int Errors => Substitutions + Deletions + Insertions;

    /// <summary>Word error rate (S + D + I) / N; can exceed 1 when there are many insertions. An empty reference gives 0 when the hypothesis is empty too, else +∞.</summary>
    public double Rate => ReferenceWords > 0 ? (double)Errors / ReferenceWords : Errors == 0 ? 0 : double.PositiveInfinity;

    public static WordErrors operator +(WordErrors a, WordErrors b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions, a.ReferenceWords + b.ReferenceWords);
    }
}
