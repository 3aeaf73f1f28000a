namespace FusionKit.Evaluation.ZeroShot;

/// <summary>
/// The validation problem that picks calibrated stacking's γ without the test set, after the protocol idea of Xian,
/// Lampert, Schiele and Akata ("Zero-Shot Learning — A Comprehensive Evaluation of the Good, the Bad and the Ugly",
/// TPAMI 2018): some of the test split's seen classes play the unseen classes of a smaller zero-shot problem.
/// <list type="number">
/// <item>The universe is the test split's seen classes only; the test split's unseen classes (their images and
/// their label embeddings) take no part.</item>
/// <item><see cref="ValidationUnseenClasses"/> of them are held out as validation-unseen classes (drawn by seed);
/// the rest are validation-seen.</item>
/// <item>A model of the same method and settings trains on the training images of the validation-seen classes
/// (<see cref="Restrict"/> on the training labels; the trainer drops validation-unseen rows as it drops unseen rows).</item>
/// <item>It scores held-out validation images of all universe classes (images disjoint from the training images)
/// against the universe's label embeddings (<see cref="Labels"/>), and γ is the value that maximises H there
/// (<see cref="CalibratedStacking.ChooseGamma"/>).</item>
/// <item>The test model (trained on all seen classes, as before) has γ subtracted from its seen-class test scores.</item>
/// </list>
/// Positions: inside the validation problem class <c>Classes[p]</c> is class p, so <see cref="Split"/> is an ordinary
/// <see cref="ClassSplit"/> over <c>Classes.Count</c> classes.
/// </summary>
public sealed record GzslValidationSplit
{
    private GzslValidationSplit(ClassSplit test, IReadOnlyList<int> classes, ClassSplit split)
    {
        TestSplit = test;
        Classes = classes;
        Split = split;
    }

    /// <summary>The test split this validation serves.</summary>
    public ClassSplit TestSplit { get; }

    /// <summary>The validation universe: the test split's seen classes, ascending (position p = class Classes[p]).</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>The split inside the universe, over positions.</summary>
    public ClassSplit Split { get; }

    /// <summary>The held-out (validation-unseen) classes, as class ids of the full label set.</summary>
    public IReadOnlyList<int> ValidationUnseenClasses => Split.Unseen.Select(p => Classes[p]).ToArray();

    /// <summary>
    /// Holds out <paramref name="unseenCount"/> of <paramref name="test"/>'s seen classes, drawn like
    /// <see cref="ClassSplit.Random"/> by <paramref name="seed"/>; null takes <see cref="DefaultUnseenCount"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two seen classes, or a count outside 1..seen−1 (named).</exception>
    public static GzslValidationSplit Create(ClassSplit test, int? unseenCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.Seen.Count < 2)
            throw new ArgumentException($"Calibration needs at least two seen classes to hold one out; the split has {test.Seen.Count} ({test}).", nameof(test));
        var count = unseenCount ?? DefaultUnseenCount(test);
        if (count < 1 || count >= test.Seen.Count)
            throw new ArgumentOutOfRangeException(nameof(unseenCount), $"Validation-unseen classes must be 1..{test.Seen.Count - 1} of the {test.Seen.Count} seen classes; got {count}.");
        return new GzslValidationSplit(test, test.Seen.ToArray(), ClassSplit.Random(test.Seen.Count, count, seed));
    }

    /// <summary>The test split's unseen share applied to its seen classes, rounded, within 1..seen−1 (Fashion-MNIST's fixed split: 7 × 3/10 → 2).</summary>
    public static int DefaultUnseenCount(ClassSplit test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var share = (int)Math.Round(test.Seen.Count * (double)test.Unseen.Count / test.ClassCount, MidpointRounding.AwayFromZero);
        return Math.Clamp(share, 1, Math.Max(1, test.Seen.Count - 1));
    }

    /// <summary>
    /// The rows whose class is in the universe and their labels as positions; rows of the test split's unseen
    /// classes are left out.
    /// </summary>
    public (long[] Rows, int[] Positions) Restrict(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var position = Enumerable.Repeat(-1, TestSplit.ClassCount).ToArray();
        for (var p = 0; p < Classes.Count; p++) position[Classes[p]] = p;
        var rows = new List<long>();
        var positions = new List<int>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= TestSplit.ClassCount)
                throw new ArgumentException($"labels[{i}] = {labels[i]} is outside 0..{TestSplit.ClassCount - 1}.", nameof(labels));
            if (position[labels[i]] < 0) continue;
            rows.Add(i);
            positions.Add(position[labels[i]]);
        }
        return (rows.ToArray(), positions.ToArray());
    }

    /// <summary>The universe's label embeddings (row p = class Classes[p]) out of all C.</summary>
    public float[][] Labels(IReadOnlyList<float[]> labelEmbeddings)
    {
        ArgumentNullException.ThrowIfNull(labelEmbeddings);
        if (labelEmbeddings.Count != TestSplit.ClassCount)
            throw new ArgumentException($"{labelEmbeddings.Count} label embeddings for {TestSplit.ClassCount} classes.", nameof(labelEmbeddings));
        return Classes.Select(c => labelEmbeddings[c]).ToArray();
    }

    public override string ToString() =>
        $"validation classes [{string.Join(", ", Classes)}], held out as unseen [{string.Join(", ", ValidationUnseenClasses)}]";
}
