namespace FusionKit.Text.WordEmbeddings;

/// <summary>The tokens a text was split into and those of them that had no vector.</summary>
public sealed record OutOfVocabularyReport(string Text, IReadOnlyList<string> Tokens, IReadOnlyList<string> Missing)
{
    /// <summary>True when at least one token had no vector.</summary>
    public bool HasMissing => Missing.Count > 0;

    /// <summary>E.g. <c>"T-shirt/top" -> [t-shirt, top]; missing: t-shirt</c>.</summary>
    public override string ToString() =>
        $"\"{Text}\" -> [{string.Join(", ", Tokens)}]" + (HasMissing ? $"; missing: {string.Join(", ", Missing)}" : "; all known");

    /// <summary>One line per text that has missing tokens, or a single "all tokens known" line.</summary>
    public static string Summarize(IEnumerable<OutOfVocabularyReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var list = reports.ToList();
        var missing = list.Where(r => r.HasMissing).ToList();
        return missing.Count == 0
            ? $"All tokens of {list.Count} text(s) have vectors."
            : $"{missing.Count} of {list.Count} text(s) have tokens without vectors:\n" + string.Join('\n', missing.Select(r => "  " + r));
    }
}
