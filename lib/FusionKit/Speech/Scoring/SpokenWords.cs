using System.Globalization;
using System.Text;

namespace FusionKit.Speech.Scoring;

/// <summary>
/// The normal form used to compare and to build grammars from text: lower case (invariant culture), split on
/// anything that is not a letter, digit or apostrophe, apostrophes kept only inside a word ("don't" stays one
/// word, "'bag'" becomes "bag"). Hyphens split ("t-shirt" → "t", "shirt"). So "Is this a BAG?" and
/// "is this a bag" are the same four words.
/// </summary>
public static class SpokenWords
{
    /// <summary>The words of <paramref name="text"/> in normal form (empty for null or blank text).</summary>
    public static IReadOnlyList<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text)) return words;
        var word = new StringBuilder();
        foreach (var ch in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(ch) || ch is '\'' or '\u2019') word.Append(ch == '\u2019' ? '\'' : ch);
            else Flush(word, words);
        }

        Flush(word, words);
        return words;
    }

    /// <summary>The normal form as one string: the words joined by single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', Split(text));

    private static void Flush(StringBuilder word, List<string> words)
    {
        var trimmed = word.ToString().Trim('\'');
        if (trimmed.Length > 0) words.Add(trimmed);
        word.Clear();
    }
}
