using System.Text;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// Splits a label or phrase into the word-vector tokens to average. The text is lower-cased (invariant culture).
/// When the vocabulary holds the whole phrase it is one token; otherwise it is split on whitespace and on every
/// character that is neither a letter, a digit nor '-'; a hyphenated word ("t-shirt") stays whole when the
/// vocabulary has it and is split on '-' otherwise. "T-shirt/top" gives t-shirt, top (or t, shirt, top).
/// </summary>
public static class PhraseTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, choosing whole-phrase and hyphenated forms the vocabulary has.</summary>
    public static IReadOnlyList<string> Tokenize(string text, Func<string, bool> inVocabulary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(inVocabulary);
        var phrase = Normalize(text);
        if (phrase.Length == 0) return [];
        if (inVocabulary(phrase)) return [phrase];
        var tokens = new List<string>();
        foreach (var word in Words(phrase))
        {
            if (!word.Contains('-') || inVocabulary(word)) tokens.Add(word);
            else tokens.AddRange(word.Split('-', StringSplitOptions.RemoveEmptyEntries));
        }
        return tokens;
    }

    /// <summary>
    /// Every token <see cref="Tokenize"/> might look up for these texts (whole phrases, hyphenated words and
    /// their parts): the vocabulary to load from a large file.
    /// </summary>
    public static IReadOnlySet<string> LookupCandidates(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var phrase = Normalize(text);
            if (phrase.Length == 0) continue;
            candidates.Add(phrase);
            foreach (var word in Words(phrase))
            {
                candidates.Add(word);
                foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries)) candidates.Add(part);
            }
        }
        return candidates;
    }

    /// <summary>Lower-cased, trimmed, inner whitespace runs collapsed to one space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<string> Words(string phrase)
    {
        var word = new StringBuilder();
        foreach (var c in phrase + " ")
        {
            if (char.IsLetterOrDigit(c) || c == '-' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                word.Append(c);
                continue;
            }
            var w = word.ToString().Trim('-');
            word.Clear();
            if (w.Length > 0) yield return w;
        }
    }
}
