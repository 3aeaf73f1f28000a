namespace FusionKit.Speech.Scoring;

/// <summary>
/// Word error rate, WER = (S + D + I) / N: the word-level Levenshtein distance between the reference and the
/// hypothesis divided by the number of reference words (Jurafsky and Martin, "Speech and Language Processing",
/// 3rd ed. draft, §16.5; NIST sclite). Both texts are first put in <see cref="SpokenWords"/> normal form (case
/// and punctuation ignored).
/// <para>Several alignments can have the minimum cost ("a b" → "b c": 2 substitutions, or 1 deletion and
/// 1 insertion); the counts reported are those of the one with the most substitutions, then the
/// most deletions. The rate S + D + I does not depend on this choice, only its split does.</para>
/// </summary>
public static class WordErrorRate
{
    /// <summary>Edit counts between two texts, after normalisation.</summary>
    public static WordErrors Count(string reference, string hypothesis) =>
        Count(SpokenWords.Split(reference), SpokenWords.Split(hypothesis));

    /// <summary>(S + D + I) / N between two texts, after normalisation.</summary>
    public static double Compute(string reference, string hypothesis) => Count(reference, hypothesis).Rate;

    /// <summary>Edit counts between two word sequences, compared exactly (ordinal).</summary>
    public static WordErrors Count(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        int n = reference.Count, m = hypothesis.Count;
        // cost[i, j]: (edits, substitutions, deletions) aligning reference[..i] with hypothesis[..j].
        var cost = new (int Edits, int S, int D)[n + 1, m + 1];
        for (var i = 1; i <= n; i++) cost[i, 0] = (i, 0, i);
        for (var j = 1; j <= m; j++) cost[0, j] = (j, 0, 0);
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= m; j++)
            {
                var same = string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal);
                var diagonal = cost[i - 1, j - 1];
                var best = (diagonal.Edits + (same ? 0 : 1), diagonal.S + (same ? 0 : 1), diagonal.D);
                var up = cost[i - 1, j];       // reference word deleted
                best = Better(best, (up.Edits + 1, up.S, up.D + 1));
                var left = cost[i, j - 1];     // hypothesis word inserted
                best = Better(best, (left.Edits + 1, left.S, left.D));
                cost[i, j] = best;
            }

        var (edits, s, d) = cost[n, m];
        return new WordErrors(s, d, edits - s - d, n);
    }

    /// <summary>Corpus counts: the sum over pairs of (reference, hypothesis) texts.</summary>
    public static WordErrors Count(IEnumerable<(string Reference, string Hypothesis)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Aggregate(WordErrors.None, (total, p) => total + Count(p.Reference, p.Hypothesis));
    }

    private static (int Edits, int S, int D) Better((int Edits, int S, int D) a, (int Edits, int S, int D) b) =>
        b.Edits < a.Edits || (b.Edits == a.Edits && (b.S > a.S || (b.S == a.S && b.D > a.D))) ? b : a;
}
