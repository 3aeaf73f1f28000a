namespace FusionKit.Evaluation.ZeroShot;

/// <summary>
/// Calibrated stacking (Chao, Changpinyo, Gong and Sha, "An Empirical Study and Analysis of Generalized Zero-Shot
/// Learning for Object Recognition in the Wild", ECCV 2016): predict argmax_c [s_c(x) − γ·𝟙(c ∈ seen)], so a
/// positive γ lifts the unseen classes against the seen ones that a model trained on seen classes over-scores.
/// <para>Within the seen labels, and within the unseen labels, the argmax does not depend on γ; only the choice
/// between the two groups does. Image x goes to its best unseen label once γ &gt; t(x) = max_seen s(x) − max_unseen s(x)
/// (its flip point) and to its best seen label below it. Sorting the flip points therefore traces every
/// (A_U→T, A_S→T) pair that any γ reaches, exactly, without a grid (<see cref="Curve"/>); its area is AUSUC.</para>
/// <para>Accuracies are the per-class means of <see cref="ZeroShotEvaluation"/> (Xian et al.), the same definition as
/// the uncalibrated S and U: the point of the curve that holds γ = 0 is (U, S). Ties inside a group go to the lowest
/// label index, as there.</para>
/// </summary>
public static class CalibratedStacking
{
    /// <summary>The seen-unseen accuracy curve over all γ.</summary>
    /// <param name="scores">(N, C) scores, column c = class c.</param>
    /// <param name="truth">True class of each image.</param>
    /// <exception cref="ArgumentException">Mismatched sizes, a label out of range, a non-finite score or a split class without images (named).</exception>
    public static SeenUnseenCurve Curve(IReadOnlyList<float[]> scores, IReadOnlyList<int> truth, ClassSplit split)
    {
        ZeroShotEvaluation.Check(scores, truth, split);
        var isSeen = new bool[split.ClassCount];
        foreach (var c in split.Seen) isSeen[c] = true;
        var total = new int[split.ClassCount];
        foreach (var t in truth) total[t]++;
        foreach (var c in split.Seen.Concat(split.Unseen))
            if (total[c] == 0) throw new ArgumentException($"Class {c} has no image; its accuracy is undefined.", nameof(truth));

        // Per image: its flip point, whether its best seen label is right (it counts while γ < flip) and whether its
        // best unseen label is right (it counts once γ > flip).
        var flip = new double[truth.Count];
        var seenRight = new bool[truth.Count];
        var unseenRight = new bool[truth.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            var row = scores[i];
            for (var c = 0; c < row.Length; c++)
                if (!float.IsFinite(row[c])) throw new ArgumentException($"scores[{i}][{c}] is {row[c]}; calibration needs finite scores.", nameof(scores));
            var bestSeen = ArgMax(row, split.Seen);
            var bestUnseen = ArgMax(row, split.Unseen);
            flip[i] = (double)row[bestSeen] - row[bestUnseen];
            seenRight[i] = bestSeen == truth[i];
            unseenRight[i] = bestUnseen == truth[i];
        }

        var right = new int[split.ClassCount];
        for (var i = 0; i < truth.Count; i++)
            if (seenRight[i]) right[truth[i]]++;
        var order = Enumerable.Range(0, truth.Count).OrderBy(i => flip[i]).ToArray();
        var points = new List<SeenUnseenPoint>();
        var low = double.NegativeInfinity;
        for (var k = 0; k <= order.Length;)
        {
            var high = k < order.Length ? flip[order[k]] : double.PositiveInfinity;
            points.Add(new SeenUnseenPoint(low, high, Mean(right, total, split.Seen), Mean(right, total, split.Unseen)));
            if (k == order.Length) break;
            for (; k < order.Length && flip[order[k]] == high; k++)   // every image with this flip point switches to its unseen label
            {
                var i = order[k];
                if (seenRight[i]) right[truth[i]]--;
                if (unseenRight[i]) right[truth[i]]++;
            }
            low = high;
        }
        return new SeenUnseenCurve(points);
    }

    /// <summary>AUSUC, the area under <see cref="Curve"/> (calibration-free: no γ is chosen).</summary>
    public static double Ausuc(IReadOnlyList<float[]> scores, IReadOnlyList<int> truth, ClassSplit split) => Curve(scores, truth, split).Area;

    /// <summary>
    /// The γ that maximises H on the given (validation) images: the representative γ
    /// (<see cref="SeenUnseenPoint.Gamma"/>) of the best stretch of the curve, ties to the lowest γ. Pass validation
    /// scores here, never test scores (see <see cref="GzslValidationSplit"/> for the protocol).
    /// </summary>
    public static SeenUnseenPoint ChooseGamma(IReadOnlyList<float[]> scores, IReadOnlyList<int> truth, ClassSplit split) =>
        Curve(scores, truth, split).BestHarmonic();

    /// <summary>The scores with <paramref name="gamma"/> subtracted from every seen-class column (a new matrix).</summary>
    public static float[][] Apply(IReadOnlyList<float[]> scores, ClassSplit split, double gamma)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(split);
        if (!double.IsFinite(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), $"γ must be finite; got {gamma}.");
        var result = new float[scores.Count][];
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i]?.Length != split.ClassCount)
                throw new ArgumentException($"scores[{i}] has {scores[i]?.Length ?? 0} columns; the split has {split.ClassCount} classes.", nameof(scores));
            result[i] = (float[])scores[i].Clone();
            foreach (var c in split.Seen) result[i][c] = (float)(result[i][c] - gamma);
        }
        return result;
    }

    private static int ArgMax(float[] row, IReadOnlyList<int> classes)
    {
        var best = classes[0];
        foreach (var c in classes)
            if (row[c] > row[best]) best = c;
        return best;
    }

    private static double Mean(int[] right, int[] total, IReadOnlyList<int> classes) => classes.Average(c => right[c] / (double)total[c]);
}
