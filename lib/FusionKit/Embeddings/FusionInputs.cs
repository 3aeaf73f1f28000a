using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Evaluation;
using FusionKit.Text;

namespace FusionKit.Embeddings;

/// <summary>
/// What a fusion run reads: for train / validation / test, the cached image embeddings and the embeddings of one
/// simulated side text per image. The side text is simulated (<see cref="SideTextGenerator"/>) because
/// Fashion-MNIST has no text of its own, and the label's own text cannot stand in for it: it would hand the model
/// the answer (leakage). Its reliability says how often it names the true class. Data of one's own (a manifest
/// with a text column) goes through <see cref="FromOwnText"/> instead: the same rows, with the data's own text.
/// </summary>
/// <param name="Reliability">The simulated side text's reliability; null when the text is the data's own.</param>
public sealed record FusionInputs(
    IReadOnlyList<string> ClassNames,
    int ImageDim,
    int TextDim,
    FusionSplit Train,
    FusionSplit Validation,
    FusionSplit Test,
    SideTextReliability? Reliability,
    string TextEncoder)
{
    /// <summary>The test rows; reading them while <see cref="ModelSelection.IsSelecting"/> throws (settings are chosen on validation).</summary>
    public FusionSplit Test { get => ModelSelection.GuardTest(field); init; } = Test;

    /// <summary>C.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Where the side text came from: simulated (<see cref="Prepare"/>) or the manifest's own (<see cref="FromOwnText"/>).</summary>
    public TextSource TextSource => Reliability is null ? TextSource.Manifest : TextSource.Simulated;

    /// <summary>
    /// Generates side text for every image of <paramref name="data"/> (one seeded stream over train, validation
    /// and test in that order) and embeds it with <paramref name="encoder"/> through <paramref name="cache"/>.
    /// Titles repeat, so only the distinct texts are embedded (and cached); rows are then gathered per sample.
    /// </summary>
    public static FusionInputs Prepare(EmbeddedData data, SideTextReliability reliability, int textSeed, ITextEncoder encoder,
                                       EmbeddingCache cache, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(reliability);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(cache);
        var labels = new[] { data.Train, data.Validation, data.Test }.SelectMany(s => s.Labels).ToArray();
        return Build(data, SideTextGenerator.Generate(labels, reliability, textSeed), reliability, encoder, cache, cancel);
    }

    /// <summary>
    /// Inputs whose text is the data's own: each sample's <see cref="Sample.Text"/> (e.g. a manifest's text column),
    /// embedded with <paramref name="encoder"/> through <paramref name="cache"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A sample without text; the message names it and its split.</exception>
    public static FusionInputs FromOwnText(EmbeddedData data, ITextEncoder encoder, EmbeddingCache cache, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(cache);
        var texts = new List<SideText>();
        foreach (var (split, name) in new[] { (data.Train, "train"), (data.Validation, "validation"), (data.Test, "test") })
            foreach (var sample in split.Dataset.Samples)
                texts.Add(new SideText(string.IsNullOrWhiteSpace(sample.Text)
                    ? throw new ArgumentException($"Sample '{sample.Id}' ({name} split of '{split.Dataset.Name}') has no text; fusing the data's own text needs one for every sample.", nameof(data))
                    : sample.Text, SideTextKind.Given, -1));
        return Build(data, texts, null, encoder, cache, cancel);
    }

    private static FusionInputs Build(EmbeddedData data, IReadOnlyList<SideText> texts, SideTextReliability? reliability, ITextEncoder encoder,
                                      EmbeddingCache cache, CancellationToken cancel)
    {
        var splits = new[] { data.Train, data.Validation, data.Test };
        var distinct = texts.Select(t => t.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++) rowOf[distinct[i]] = i;
        var embedded = cache.GetOrCompute(encoder, distinct, cancel); // (distinct, D_txt)

        var result = new FusionSplit[3];
        var offset = 0;
        for (var s = 0; s < splits.Length; s++)
        {
            var split = splits[s];
            var images = split.Images;
            if (images.Rows != split.Count)
                throw new ArgumentException($"The {Name(s)} split has {split.Count} samples but {images.Rows} image embeddings.", nameof(data));
            var textRows = new float[(long)split.Count * embedded.Dimension];
            var own = new SideText[split.Count];
            for (var i = 0; i < split.Count; i++)
            {
                own[i] = texts[offset + i];
                embedded.Row(rowOf[own[i].Text]).CopyTo(textRows.AsSpan(i * embedded.Dimension, embedded.Dimension));
            }
            result[s] = new FusionSplit(images.Data, textRows, split.Labels, own);
            offset += split.Count;
        }
        return new FusionInputs(data.ClassNames, data.Train.Images.Dimension, embedded.Dimension, result[0], result[1], result[2], reliability, encoder.Name);
    }

    private static string Name(int split) => split switch { 0 => "train", 1 => "validation", _ => "test" };
}
