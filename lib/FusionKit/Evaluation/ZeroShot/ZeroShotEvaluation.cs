using System.Globalization;

namespace FusionKit.Evaluation.ZeroShot;

/// <summary>
/// Zero-shot figures as Xian et al. ("Zero-Shot Learning — The Good, the Bad and the Ugly", CVPR 2017) define
/// them, from scores over all C labels: accuracy is the per-class mean of top-1 accuracy. Conventional ZSL
/// predicts unseen-class images among the unseen labels only; generalized ZSL predicts seen-class images (S)
/// and unseen-class images (U) among all labels, summarised by the harmonic mean H = 2SU / (S + U). Ties in a
/// row go to the lowest label index (numpy's argmax). The report also carries AUSUC (Chao et al., ECCV 2016), the
/// calibration-free summary of the seen-class bias, with the same per-class accuracies
/// (<see cref="CalibratedStacking"/>).
/// </summary>
public static class ZeroShotEvaluation
{
    /// <param name="scores">(N, C) scores of each test image against every label, column c = class c.</param>
    /// <param name="truth">True class of each test image.</param>
    /// <exception cref="ArgumentException">Mismatched sizes, a label out of range, or a split class without test images (named).</exception>
    public static ZeroShotReport Evaluate(IReadOnlyList<float[]> scores, IReadOnlyList<int> truth, ClassSplit split)
    {
        Check(scores, truth, split);
        var all = Enumerable.Range(0, split.ClassCount).ToArray();
        var conventional = PerClassAccuracy(scores, truth, split.Unseen, split.Unseen);
        var seen = PerClassAccuracy(scores, truth, split.Seen, all);
        var unseen = PerClassAccuracy(scores, truth, split.Unseen, all);
        return new ZeroShotReport(conventional, seen, unseen, HarmonicMean(seen, unseen), CalibratedStacking.Ausuc(scores, truth, split));
    }

    /// <summary>Throws unless <paramref name="scores"/> is (N, C) for the split and every label is a class of it.</summary>
    internal static void Check(IReadOnlyList<float[]> scores, IReadOnlyList<int> truth, ClassSplit split)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(split);
        if (scores.Count != truth.Count) throw new ArgumentException($"{scores.Count} score rows for {truth.Count} labels.", nameof(truth));
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i]?.Length != split.ClassCount)
                throw new ArgumentException($"scores[{i}] has {scores[i]?.Length ?? 0} columns; the split has {split.ClassCount} classes.", nameof(scores));
            if (truth[i] < 0 || truth[i] >= split.ClassCount)
                throw new ArgumentException($"truth[{i}] = {truth[i]} is outside 0..{split.ClassCount - 1}.", nameof(truth));
        }
    }

    /// <summary>H = 2SU / (S + U) (Xian et al. 2017); 0 when both are 0.</summary>
    public static double HarmonicMean(double seen, double unseen)
    {
        if (!(seen is >= 0 and <= 1) || !(unseen is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(seen), $"Accuracies must be in [0, 1]; got S = {seen}, U = {unseen}.");
        return seen + unseen == 0 ? 0 : 2 * seen * unseen / (seen + unseen);
    }

    /// <summary>Mean over <paramref name="classes"/> of the accuracy of their images when predicted among <paramref name="candidates"/>.</summary>
    private static double PerClassAccuracy(IReadOnlyList<float[]> scores, IReadOnlyList<int> truth, IReadOnlyList<int> classes, IReadOnlyList<int> candidates)
    {
        var correct = new Dictionary<int, int>();
        var total = new Dictionary<int, int>();
        foreach (var c in classes) (correct[c], total[c]) = (0, 0);
        for (var i = 0; i < truth.Count; i++)
        {
            if (!total.ContainsKey(truth[i])) continue;
            total[truth[i]]++;
            var best = candidates[0];
            foreach (var c in candidates)
                if (scores[i][c] > scores[i][best]) best = c;
            if (best == truth[i]) correct[truth[i]]++;
        }
        foreach (var c in classes)
            if (total[c] == 0) throw new ArgumentException($"Class {c} has no test image; its accuracy is undefined.", nameof(truth));
        return classes.Average(c => correct[c] / (double)total[c]);
    }
}
