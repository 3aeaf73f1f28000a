using FusionKit.Data.Manifest;

namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// Embeds a phrase as the mean of its tokens' word vectors (tokens from <see cref="PhraseTokenizer"/>), with an
/// explicit <see cref="OutOfVocabularyPolicy"/>. The vectors are not re-normalised after averaging.
/// </summary>
public sealed class WordVectorEncoder : ITextEncoder
{
    private const string TokenizerVersion = "phrase-v1";

    public WordVectorEncoder(WordVectors vectors, OutOfVocabularyPolicy policy = OutOfVocabularyPolicy.SkipToken, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (!Enum.IsDefined(policy)) throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown out-of-vocabulary policy.");
        Vectors = vectors;
        Policy = policy;
        Name = name ?? DefaultName(vectors.SourceName);
    }

    /// <summary>
    /// Loads <paramref name="path"/> and wraps it; with <paramref name="texts"/> only the tokens those texts can
    /// use are loaded (fast on a 1-GB file), and encoding any other text is then refused.
    /// </summary>
    public static WordVectorEncoder Load(string path, OutOfVocabularyPolicy policy = OutOfVocabularyPolicy.SkipToken, IEnumerable<string>? texts = null,
        BadRowPolicy badLines = BadRowPolicy.Fail) =>
        new(WordVectors.Load(path, texts is null ? null : PhraseTokenizer.LookupCandidates(texts), policy: badLines), policy);

    /// <summary>The word vectors used.</summary>
    public WordVectors Vectors { get; }

    /// <summary>What happens to tokens without a vector.</summary>
    public OutOfVocabularyPolicy Policy { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension => Vectors.Dimension;

    /// <inheritdoc />
    public string CacheKey => $"wordvec:{Vectors.Identity}:{TokenizerVersion}:mean:oov-{Policy}";

    /// <summary>The out-of-vocabulary reports of the last <see cref="Encode"/> call, one per text.</summary>
    public IReadOnlyList<OutOfVocabularyReport> LastReports { get; private set; } = [];

    /// <summary>How each text splits into tokens and which have no vector, without embedding anything.</summary>
    public IReadOnlyList<OutOfVocabularyReport> Analyze(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(Analyze).ToArray();
    }

    /// <inheritdoc />
    /// <exception cref="OutOfVocabularyException">A text cannot be embedded under <see cref="Policy"/>.</exception>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var reports = Analyze(texts);
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++) result[i] = Embed(reports[i]);
        LastReports = reports;
        return result;
    }

    private OutOfVocabularyReport Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = PhraseTokenizer.Tokenize(text, Lookup);
        return new OutOfVocabularyReport(text, tokens, tokens.Where(t => !Vectors.Contains(t)).Distinct().ToArray());
    }

    private bool Lookup(string token)
    {
        if (Vectors.Contains(token)) return true;
        if (Vectors.VocabularyFilter is { } filter && !filter.Contains(token))
            throw new InvalidOperationException(
                $"'{token}' was not in the vocabulary {Vectors.SourceName} was loaded with, so whether it has a vector is unknown; "
                + "load the vectors with this text (or without a vocabulary filter).");
        return false;
    }

    private float[] Embed(OutOfVocabularyReport report)
    {
        var known = report.Tokens.Where(t => Vectors.Contains(t)).ToList();
        switch (Policy)
        {
            case OutOfVocabularyPolicy.Error when report.HasMissing:
                throw new OutOfVocabularyException(report, $"{Name}: no vector for {string.Join(", ", report.Missing.Select(m => $"'{m}'"))} in \"{report.Text}\" (policy Error).");
            case OutOfVocabularyPolicy.Error or OutOfVocabularyPolicy.SkipToken when known.Count == 0:
                throw new OutOfVocabularyException(report, report.Tokens.Count == 0
                    ? $"{Name}: \"{report.Text}\" has no tokens to embed (policy {Policy})."
                    : $"{Name}: none of the tokens of \"{report.Text}\" has a vector ({string.Join(", ", report.Missing)}; policy {Policy}).");
        }
        var mean = new float[Dimension];
        var divisor = Policy == OutOfVocabularyPolicy.Zero ? report.Tokens.Count : known.Count;
        if (divisor == 0) return mean;
        foreach (var token in known)
        {
            Vectors.TryGetVector(token, out var vector);
            for (var d = 0; d < mean.Length; d++) mean[d] += vector[d];
        }
        for (var d = 0; d < mean.Length; d++) mean[d] /= divisor;
        return mean;
    }

    /// <summary>Nothing to release: the vectors are managed memory.</summary>
    public void Dispose() { }

    private static string DefaultName(string sourceName)
    {
        var name = Path.GetFileName(sourceName.Split('!')[^1]);
        foreach (var suffix in new[] { ".gz", ".zip", ".txt", ".vec", ".bin" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) name = name[..^suffix.Length];
        return name.Length == 0 ? "word-vectors" : name;
    }
}
