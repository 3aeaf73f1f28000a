using System.Text;
using FusionKit.Data;
using FusionKit.Speech.Scoring;

namespace FusionKit.Speech;

/// <summary>
/// A closed set of sentences the recogniser may hear, built from a list of phrases (for the kit, the question
/// templates filled in): the decoder then searches only these word sequences instead of the whole language,
/// which is what makes a small command vocabulary robust.
/// <para>Written as a JSGF grammar (W3C "JSpeech Grammar Format" note, 2000), one public rule whose
/// alternatives are the phrases in <see cref="SpokenWords"/> normal form (letters, digits and inner apostrophes
/// only, so no JSGF special character can occur; tokens are written unquoted, because Debian 12's pocketsphinx
/// keeps the quotes of a quoted token as part of the word):</para>
/// <code>
/// #JSGF V1.0;
/// grammar fusionkit;
/// public &lt;utterance&gt; = is this a bag | what is this | would i wear this on my feet;
/// </code>
/// <para>Pocketsphinx compiles it to a finite-state grammar (<c>-jsgf</c>). Every word must be in the
/// recogniser's pronunciation dictionary (CMUdict for <c>pocketsphinx-en-us</c>: "pullover" is not, "sweater"
/// is); <see cref="PocketSphinxTranscriber"/> names the missing words. The decoder always returns one of the
/// phrases (or nothing when the audio fits none), so a grammar trades open vocabulary for accuracy: compare
/// with the generic language model (no grammar) when it matters.</para>
/// </summary>
public sealed class SpeechGrammar
{
    /// <summary>The grammar's name in the JSGF header.</summary>
    public const string GrammarName = "fusionkit";

    private SpeechGrammar(IReadOnlyList<string> phrases) => Phrases = phrases;

    /// <summary>The distinct phrases in normal form (lower case words joined by single spaces), in first-seen order.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>The distinct words of all phrases, sorted (ordinal).</summary>
    public IReadOnlyList<string> Words => Phrases.SelectMany(p => p.Split(' ')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A grammar accepting exactly <paramref name="phrases"/> (normalised; duplicates and blanks dropped).</summary>
    /// <exception cref="ArgumentException">No phrase holds a word.</exception>
    public static SpeechGrammar FromPhrases(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var normal = phrases.Select(SpokenWords.Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (normal.Length == 0)
            throw new ArgumentException("A speech grammar needs at least one phrase with a word in it.", nameof(phrases));
        return new SpeechGrammar(normal);
    }

    /// <summary>The JSGF text (LF line ends, ending with a line break).</summary>
    public string ToJsgf()
    {
        var text = new StringBuilder();
        text.Append("#JSGF V1.0;\n");
        text.Append("grammar ").Append(GrammarName).Append(";\n");
        text.Append("public <utterance> = ");
        text.AppendJoin("\n    | ", Phrases);
        text.Append(";\n");
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToJsgf"/> to <paramref name="path"/> atomically.</summary>
    public void WriteJsgf(string path) => AtomicFile.WriteAllText(path, ToJsgf());

    /// <summary>Whether <paramref name="text"/>, normalised, is one of the phrases.</summary>
    public bool Contains(string text) => Phrases.Contains(SpokenWords.Normalize(text), StringComparer.Ordinal);
}
