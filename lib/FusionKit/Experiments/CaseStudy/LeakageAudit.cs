using FusionKit.Caching;
using FusionKit.Data;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// The per-sample text rows a paper model reads at test time in each audit: the true label's text (the paper's
/// protocol), a wrong label's text, a random label's text, or zeros. Wrong and random labels are drawn with
/// <see cref="SplitMix64"/> from the seed, so an audit is reproducible on every machine.
/// </summary>
public static class LeakageAudit
{
    private const ulong WrongStream = 0x5752_4F4E_4700_0001UL;  // separate streams for the two draws
    private const ulong RandomStream = 0x5241_4E44_4F4D_0002UL;

    /// <summary>
    /// For each sample a label different from its true one, uniform over the other C − 1 classes:
    /// (y + 1 + u) mod C with u uniform in [0, C − 2].
    /// </summary>
    public static int[] WrongLabels(IReadOnlyList<int> labels, int classCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A wrong label needs at least two classes.");
        var random = new SplitMix64(unchecked((ulong)(long)seed) ^ WrongStream);
        var wrong = new int[labels.Count];
        for (var i = 0; i < wrong.Length; i++)
        {
            var y = labels[i];
            if (y < 0 || y >= classCount) throw new ArgumentException($"labels[{i}] = {y} is outside 0..{classCount - 1}.", nameof(labels));
            wrong[i] = (y + 1 + random.NextInt(classCount - 1)) % classCount;
        }
        return wrong;
    }

    /// <summary>For each of <paramref name="count"/> samples a label uniform over all C classes (independent of the truth).</summary>
    public static int[] RandomLabels(int count, int classCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var random = new SplitMix64(unchecked((ulong)(long)seed) ^ RandomStream);
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = random.NextInt(classCount);
        return labels;
    }

    /// <summary>Row-major text rows (N x D): row i is the embedding of label <c>labels[i]</c>.</summary>
    public static float[] LabelTextRows(EmbeddingMatrix labelEmbeddings, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labelEmbeddings);
        ArgumentNullException.ThrowIfNull(labels);
        var d = labelEmbeddings.Dimension;
        var rows = new float[(long)labels.Count * d];
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= labelEmbeddings.Rows)
                throw new ArgumentException($"labels[{i}] = {labels[i]} has no label text (0..{labelEmbeddings.Rows - 1}).", nameof(labels));
            labelEmbeddings.Row(labels[i]).CopyTo(rows.AsSpan(i * d, d));
        }
        return rows;
    }

    /// <summary>The test-time text rows of one audit for samples with the given true labels.</summary>
    public static float[] TestTextRows(TestTextKind kind, EmbeddingMatrix labelEmbeddings, IReadOnlyList<int> trueLabels, int seed) => kind switch
    {
        TestTextKind.TrueLabel => LabelTextRows(labelEmbeddings, trueLabels),
        TestTextKind.WrongLabel => LabelTextRows(labelEmbeddings, WrongLabels(trueLabels, labelEmbeddings.Rows, seed)),
        TestTextKind.RandomLabel => LabelTextRows(labelEmbeddings, RandomLabels(trueLabels.Count, labelEmbeddings.Rows, seed)),
        TestTextKind.Zeros => new float[(long)trueLabels.Count * labelEmbeddings.Dimension],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This variant reads no per-sample text."),
    };
}
