using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// The kit's default word-vector file: every word of a fixed vocabulary embedded alone by all-MiniLM-L6-v2
/// (<see cref="SentenceEncoder"/>), written in GloVe text format, gzip-compressed. It stands in for GloVe, which
/// cannot be bundled; data/embeddings/README.md explains how it differs. Regenerate it with
/// <c>fusionkit text make-default-vectors</c>.
/// </summary>
public static class DefaultWordVectors
{
    /// <summary>File name of the default vectors in data/embeddings/.</summary>
    public const string FileName = "minilm-words-384d.txt.gz";

    /// <summary>How many words are taken from MiniLM's vocab.txt (before the Fashion-MNIST words are added).</summary>
    public const int DefaultWordCount = 9000;

    /// <summary>Decimals printed per value.</summary>
    public const int Decimals = 5;

    /// <summary>
    /// The vocabulary: the first <paramref name="wordCount"/> whole-word tokens of MiniLM's vocab.txt that consist of
    /// the letters a-z only (no [special] tokens, no ##pieces, no digits or punctuation), in vocabulary id order
    /// (BERT's vocabulary lists frequent words first), followed by every token of the Fashion-MNIST class names and
    /// descriptions (<see cref="FashionMnistLabelText"/>) not already present, hyphenated forms such as "t-shirt" included.
    /// </summary>
    public static IReadOnlyList<string> Vocabulary(int wordCount = DefaultWordCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wordCount);
        var words = MiniLmModel.ReadVocabulary().Where(IsPlainWord).Take(wordCount).ToList();
        var seen = new HashSet<string>(words, StringComparer.Ordinal);
        var labelTexts = FashionMnistLabelText.ClassNames.Concat(FashionMnistLabelText.Descriptions);
        foreach (var token in PhraseTokenizer.LookupCandidates(labelTexts).Order(StringComparer.Ordinal))
        {
            if (token.All(c => c is (>= 'a' and <= 'z') or '-') && seen.Add(token)) words.Add(token);
        }
        return words;
    }

    /// <summary>
    /// Embeds each word alone with <paramref name="encoder"/> and writes "word v1 ... v384" lines with
    /// <see cref="Decimals"/> decimals, gzip-compressed, atomically to <paramref name="path"/>. The output depends only
    /// on the words and the model, so a rerun with the same words reproduces the file.
    /// </summary>
    public static void Write(string path, IReadOnlyList<string> words, SentenceEncoder encoder, TextWriter? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(encoder);
        if (words.Count == 0) throw new ArgumentException("No words to embed.", nameof(words));
        foreach (var w in words)
            if (w.Length == 0 || w.Any(char.IsWhiteSpace)) throw new ArgumentException($"'{w}' cannot be a word of a GloVe file (empty or has whitespace).", nameof(words));
        if (words.Distinct(StringComparer.Ordinal).Count() != words.Count) throw new ArgumentException("The word list has duplicates.", nameof(words));

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
            using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                const int chunk = 256;
                var line = new StringBuilder(4096);
                for (var start = 0; start < words.Count; start += chunk)
                {
                    var batch = words.Skip(start).Take(chunk).ToArray();
                    var vectors = encoder.Encode(batch);
                    for (var i = 0; i < batch.Length; i++)
                    {
                        line.Clear().Append(batch[i]);
                        foreach (var v in vectors[i]) line.Append(' ').Append(Format(v));
                        writer.WriteLine(line);
                    }
                    progress?.WriteLine($"  {Math.Min(start + chunk, words.Count):N0} / {words.Count:N0} words");
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Fixed-point with <see cref="Decimals"/> decimals; a negative value that rounds to zero prints as 0.</summary>
    internal static string Format(float value)
    {
        var text = value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
    }

    private static bool IsPlainWord(string token) => token.Length > 0 && token.All(c => c is >= 'a' and <= 'z');
}
