using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FusionKit.Data.Manifest;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// Word vectors loaded from a GloVe or word2vec file (see <see cref="Load"/>), or built in memory. Words are
/// case-sensitive, as stored in the file.
/// </summary>
public sealed class WordVectors
{
    private readonly Dictionary<string, float[]> _vectors;
    private readonly Lazy<string> _identity;

    internal WordVectors(string sourceName, string? sourcePath, WordVectorFormat format, int dimension,
        Dictionary<string, float[]> vectors, long recordsRead, long duplicateCount, IReadOnlyList<string> duplicateExamples,
        IReadOnlySet<string>? vocabularyFilter, Func<string> identity)
    {
        SourceName = sourceName;
        SourcePath = sourcePath;
        Format = format;
        Dimension = dimension;
        _vectors = vectors;
        RecordsRead = recordsRead;
        DuplicateCount = duplicateCount;
        DuplicateExamples = duplicateExamples;
        VocabularyFilter = vocabularyFilter;
        _identity = new Lazy<string>(identity);
    }

    /// <summary>
    /// Reads a word-vector file: GloVe text, word2vec text or word2vec binary (<paramref name="format"/>, detected
    /// when <see cref="WordVectorFormat.Auto"/>), plain, .gz or .zip. With <paramref name="vocabulary"/> only those
    /// words are kept (other lines are counted and their number of fields checked, but their numbers not parsed).
    /// The first occurrence of a duplicated word wins; duplicates are counted in <see cref="DuplicateCount"/>.
    /// </summary>
    /// <remarks>
    /// A text line's token is everything before its last D numbers (D from the word2vec header, or the count of
    /// numbers on the first line of a GloVe file), so tokens holding spaces (a handful in glove.840B.300d) load
    /// as such and are counted in <see cref="SpacedTokenCount"/>. A line with the wrong count of numbers, a
    /// number that is not finite or bytes that are not UTF-8 is bad: under <see cref="BadRowPolicy.Fail"/>
    /// (default) the load stops with its file, line and word; under <see cref="BadRowPolicy.Skip"/> it is left out
    /// and listed in <see cref="Skipped"/>.
    /// </remarks>
    /// <exception cref="InvalidDataException">A malformed line; the message names the file, the 1-based line and the word.</exception>
    public static WordVectors Load(string path, IEnumerable<string>? vocabulary = null, WordVectorFormat format = WordVectorFormat.Auto,
        BadRowPolicy policy = BadRowPolicy.Fail) =>
        WordVectorReader.Read(new VectorFileSource(path), vocabulary is null ? null : new HashSet<string>(vocabulary, StringComparer.Ordinal), format, policy);

    /// <summary>Word vectors held in memory (e.g. for tests or vectors computed elsewhere); all must have one length.</summary>
    public static WordVectors FromVectors(string name, IEnumerable<KeyValuePair<string, float[]>> vectors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(vectors);
        var map = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        var dimension = 0;
        foreach (var (word, vector) in vectors)
        {
            if (dimension == 0) dimension = vector.Length;
            if (vector.Length != dimension || dimension == 0)
                throw new ArgumentException($"Word '{word}' has {vector.Length} values; expected {dimension} like the first word.", nameof(vectors));
            if (!map.TryAdd(word, (float[])vector.Clone())) duplicates.Add(word);
        }
        if (map.Count == 0) throw new ArgumentException("No word vectors given.", nameof(vectors));
        return new WordVectors(name, null, WordVectorFormat.Auto, dimension, map, map.Count + duplicates.Count, duplicates.Count,
            duplicates.Take(10).ToArray(), null, () => $"{name}:memory:{ContentHash(map)}");
    }

    /// <summary>File name (and zip entry) or in-memory name, for messages.</summary>
    public string SourceName { get; }

    /// <summary>Full path of the file, or null for in-memory vectors.</summary>
    public string? SourcePath { get; }

    /// <summary>The format the file was read as.</summary>
    public WordVectorFormat Format { get; }

    /// <summary>Length of every vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of distinct words loaded.</summary>
    public int Count => _vectors.Count;

    /// <summary>Vector records (lines) in the file, duplicates and filtered-out words included.</summary>
    public long RecordsRead { get; }

    /// <summary>Records of loaded words that repeated an earlier word and were ignored (the first one is kept).</summary>
    public long DuplicateCount { get; }

    /// <summary>Up to ten of the duplicated words.</summary>
    public IReadOnlyList<string> DuplicateExamples { get; }

    /// <summary>Bad lines left out under <see cref="BadRowPolicy.Skip"/> (always empty under <see cref="BadRowPolicy.Fail"/>).</summary>
    public IReadOnlyList<SkippedVectorLine> Skipped { get; internal init; } = [];

    /// <summary>Records whose token holds a space (loaded as such; see <see cref="Load"/>).</summary>
    public long SpacedTokenCount { get; internal init; }

    /// <summary>Up to ten of the tokens holding a space.</summary>
    public IReadOnlyList<string> SpacedTokenExamples { get; internal init; } = [];

    /// <summary>The vocabulary the file was filtered to, or null when every word was loaded.</summary>
    public IReadOnlySet<string>? VocabularyFilter { get; }

    /// <summary>Identifies the source's content (file name, size, SHA-256); part of encoder cache keys.</summary>
    public string Identity => _identity.Value;

    /// <summary>The loaded words, in no particular order.</summary>
    public IEnumerable<string> Words => _vectors.Keys;

    public bool Contains(string word) => _vectors.ContainsKey(word);

    /// <summary>The stored vector of <paramref name="word"/> (do not modify it).</summary>
    public bool TryGetVector(string word, out float[] vector) => _vectors.TryGetValue(word, out vector!);

    /// <summary>One line for logs: source, counts, dimension, format and duplicates.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{SourceName}: {Count:N0} words x {Dimension} dims ({Format}");
        text.Append(VocabularyFilter is null ? ")" : string.Create(CultureInfo.InvariantCulture, $", filtered to a vocabulary of {VocabularyFilter.Count:N0} from {RecordsRead:N0} records)"));
        if (DuplicateCount > 0)
            text.Append(CultureInfo.InvariantCulture, $"; {DuplicateCount:N0} duplicate record(s) ignored, e.g. {string.Join(", ", DuplicateExamples.Select(w => $"'{w}'"))}");
        if (SpacedTokenCount > 0)
            text.Append(CultureInfo.InvariantCulture, $"; {SpacedTokenCount:N0} token(s) containing spaces loaded as such, e.g. {string.Join(", ", SpacedTokenExamples.Select(w => $"'{w}'"))}");
        if (Skipped.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"; {Skipped.Count:N0} bad line(s) skipped:{string.Concat(Skipped.Select(s => Environment.NewLine + "  skipped " + s))}");
        return text.ToString();
    }

    private static string ContentHash(Dictionary<string, float[]> map)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (word, vector) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(word + "\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
