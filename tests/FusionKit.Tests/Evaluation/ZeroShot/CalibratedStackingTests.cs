using FusionKit.Evaluation.ZeroShot;

namespace FusionKit.Tests.Evaluation.ZeroShot;

public class CalibratedStackingTests
{
    // 4 classes, seen {0, 1}, unseen {2, 3}; class sizes 1, 2, 2, 1. Dyadic scores, so every flip point
    // t = max_seen − max_unseen is exact. Per image: best seen label, best unseen label, flip point:
    // i0 truth 0: seen 0 (right), unseen 2, t = 1 − 0.5 = 0.5
    // i1 truth 1: seen 0 (wrong), unseen 2, t = 0.75 − 0.5 = 0.25
    // i2 truth 1: seen 1 (right), unseen 3, t = 0.75 − 0.5 = 0.25
    // i3 truth 2: seen 0, unseen 2 (right), t = 0.5 − 0.25 = 0.25
    // i4 truth 2: seen 1, unseen 3 (wrong), t = 1 − 0.5 = 0.5
    // i5 truth 3: seen 1, unseen 3 (right), t = 0.25 − 0.75 = −0.5
    private static readonly float[][] Scores =
    [
        [1.0f, 0.25f, 0.5f, 0.0f],
        [0.75f, 0.5f, 0.5f, 0.25f],
        [0.0f, 0.75f, 0.25f, 0.5f],
        [0.5f, 0.25f, 0.25f, 0.0f],
        [0.25f, 1.0f, 0.0f, 0.5f],
        [0.0f, 0.25f, 0.5f, 0.75f],
    ];
    private static readonly int[] Truth = [0, 1, 1, 2, 2, 3];
    private static readonly ClassSplit Split = new(4, [2, 3]);

    [Fact]
    public void Curve_AndAusuc_MatchHandComputedValues()
    {
        // Per-class means (Xian et al.): S = (acc0 + acc1) / 2, U = (acc2 + acc3) / 2.
        // γ < −0.5: all seen: i0, i2 right -> S = (1 + 1/2) / 2 = 0.75, U = 0.
        // −0.5 < γ < 0.25: i5 switches (right) -> U = (0 + 1) / 2 = 0.5, S = 0.75.
        // 0.25 < γ < 0.5: i1 (stays wrong), i2 (loses: acc1 = 0), i3 (gains: acc2 = 1/2) -> S = 0.5, U = 0.75.
        // γ > 0.5: i0 loses (acc0 = 0), i4 stays wrong -> S = 0, U = 0.75.
        // Trapezoids over U: (0.5 − 0)(0.75 + 0.75)/2 = 0.375; (0.75 − 0.5)(0.75 + 0.5)/2 = 0.15625; (0.75 − 0.75)(…) = 0.
        // AUSUC = 0.53125.
        var curve = CalibratedStacking.Curve(Scores, Truth, Split);
        Assert.Equal([0.75, 0.75, 0.5, 0.0], curve.Points.Select(p => p.Seen));
        Assert.Equal([0.0, 0.5, 0.75, 0.75], curve.Points.Select(p => p.Unseen));
        Assert.Equal([double.NegativeInfinity, -0.5, 0.25, 0.5], curve.Points.Select(p => p.GammaLow));
        Assert.Equal([-0.5, 0.25, 0.5, double.PositiveInfinity], curve.Points.Select(p => p.GammaHigh));
        Assert.Equal(0.53125, curve.Area, 12);
        Assert.Equal(0.53125, CalibratedStacking.Ausuc(Scores, Truth, Split), 12);
        Assert.Equal(0.53125, ZeroShotEvaluation.Evaluate(Scores, Truth, Split).Ausuc, 12);
    }

    [Fact]
    public void Curve_AtGammaZero_IsTheUncalibratedSAndU_AndEndsAreSeenAmongSeenAndConventionalZsl()
    {
        // γ = 0 lies in (−0.5, 0.25): the point (U 0.5, S 0.75) must be what plain argmax gives.
        var report = ZeroShotEvaluation.Evaluate(Scores, Truth, Split);
        var atZero = CalibratedStacking.Curve(Scores, Truth, Split).At(0);
        Assert.Equal(report.Seen, atZero.Seen, 12);
        Assert.Equal(report.Unseen, atZero.Unseen, 12);
        // The last point predicts among unseen labels only: its U is conventional ZSL accuracy (0.75 by hand above).
        Assert.Equal(report.UnseenAmongUnseen, CalibratedStacking.Curve(Scores, Truth, Split).Points[^1].Unseen, 12);
        // Applying any γ inside a stretch gives that stretch's figures: γ = 0.375 in (0.25, 0.5) -> S 0.5, U 0.75.
        var shifted = ZeroShotEvaluation.Evaluate(CalibratedStacking.Apply(Scores, Split, 0.375), Truth, Split);
        Assert.Equal(0.5, shifted.Seen, 12);
        Assert.Equal(0.75, shifted.Unseen, 12);
    }

    [Fact]
    public void ChooseGamma_PicksTheMidpointOfTheBestHarmonicStretch()
    {
        // Validation: 3 classes, seen {0, 1}, unseen {2}; class sizes 1, 1, 2.
        // v0 truth 0: seen 0 right, t = 0.75 − 0.25 = 0.5; v1 truth 1: seen 1 right, t = 0.5 − 0.25 = 0.25;
        // v2 truth 2: unseen right, t = 0.5 − 0.25 = 0.25; v3 truth 2: unseen right, t = 1 − 0 = 1.
        // Stretches: (−∞, 0.25) S 1, U 0, H 0; (0.25, 0.5) S 0.5, U 0.5, H 0.5; (0.5, 1) S 0, U 0.5, H 0; (1, ∞) S 0, U 1, H 0.
        // Best H 0.5 in (0.25, 0.5): γ = 0.375. Uncalibrated (γ = 0) H is 0.
        float[][] validation = [[0.75f, 0.0f, 0.25f], [0.0f, 0.5f, 0.25f], [0.5f, 0.0f, 0.25f], [1.0f, 0.0f, 0.0f]];
        int[] truth = [0, 1, 2, 2];
        var split = new ClassSplit(3, [2]);
        var choice = CalibratedStacking.ChooseGamma(validation, truth, split);
        Assert.Equal(0.375, choice.Gamma, 12);
        Assert.Equal(0.5, choice.Harmonic, 12);
        Assert.Equal(0, ZeroShotEvaluation.Evaluate(validation, truth, split).Harmonic);
        var calibrated = ZeroShotEvaluation.Evaluate(CalibratedStacking.Apply(validation, split, choice.Gamma), truth, split);
        Assert.Equal(0.5, calibrated.Harmonic, 12);
    }

    [Fact]
    public void ChooseGamma_TiedHarmonic_GoesToTheLowestGamma()
    {
        // The 4-class example above has H 0.6 in both (−0.5, 0.25) and (0.25, 0.5): 2·0.5·0.75/1.25 = 2·0.75·0.5/1.25.
        var choice = CalibratedStacking.ChooseGamma(Scores, Truth, Split);
        Assert.Equal(0.6, choice.Harmonic, 12);
        Assert.Equal(-0.125, choice.Gamma, 12);
    }

    [Fact]
    public void Point_GammaOfOpenEnds_IsOneUnitBeyondTheFlipPoint()
    {
        Assert.Equal(-1.5, new SeenUnseenPoint(double.NegativeInfinity, -0.5, 1, 0).Gamma);
        Assert.Equal(1.5, new SeenUnseenPoint(0.5, double.PositiveInfinity, 0, 1).Gamma);
    }

    [Fact]
    public void Curve_BadInput_IsNamed()
    {
        Assert.Contains("scores[1][2]", Assert.Throws<ArgumentException>(() => CalibratedStacking.Curve([[1f, 0f, 0f], [0f, 1f, float.NaN], [0f, 0f, 1f]], [0, 1, 2], new ClassSplit(3, [2]))).Message);
        Assert.Contains("Class 1 has no image", Assert.Throws<ArgumentException>(() => CalibratedStacking.Curve([[1f, 0f, 0f], [0f, 0f, 1f]], [0, 2], new ClassSplit(3, [2]))).Message);
        Assert.Contains("truth[0]", Assert.Throws<ArgumentException>(() => CalibratedStacking.Curve([[1f, 0f, 0f]], [3], new ClassSplit(3, [2]))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibratedStacking.Apply(Scores, Split, double.NaN));
    }
}

public class GzslValidationSplitTests
{
    [Fact]
    public void Create_HoldsOutSeenClassesOnly_AndRestrictDropsTestUnseenRows()
    {
        var validation = GzslValidationSplit.Create(ClassSplit.FashionMnist, unseenCount: null, seed: 3);
        // Default: 7 seen × 3/10 unseen share = 2.1 -> 2 held out.
        Assert.Equal(2, GzslValidationSplit.DefaultUnseenCount(ClassSplit.FashionMnist));
        Assert.Equal([0, 1, 2, 3, 4, 7, 9], validation.Classes);
        Assert.Equal(2, validation.ValidationUnseenClasses.Count);
        Assert.All(validation.ValidationUnseenClasses, c => Assert.Contains(c, ClassSplit.FashionMnist.Seen));
        Assert.Equal(ClassSplit.Random(7, 2, 3).Unseen, validation.Split.Unseen);

        // Labels 5, 6, 8 are the test split's unseen classes: their rows never enter the validation problem.
        var (rows, positions) = validation.Restrict([0, 5, 9, 6, 7, 8, 1]);
        Assert.Equal([0L, 2, 4, 6], rows);
        Assert.Equal([0, 6, 5, 1], positions);   // class 9 is position 6, class 7 position 5
        var labels = Enumerable.Range(0, 10).Select(c => new[] { (float)c }).ToArray();
        Assert.Equal([0f, 1, 2, 3, 4, 7, 9], validation.Labels(labels).Select(l => l[0]));
    }

    [Fact]
    public void Create_TooFewSeenClassesOrBadCount_IsNamed()
    {
        Assert.Contains("at least two seen classes", Assert.Throws<ArgumentException>(() => GzslValidationSplit.Create(new ClassSplit(3, [1, 2]), null, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GzslValidationSplit.Create(ClassSplit.FashionMnist, 7, 0));
        Assert.Contains("labels[0] = 10", Assert.Throws<ArgumentException>(() => GzslValidationSplit.Create(ClassSplit.FashionMnist, 2, 0).Restrict([10])).Message);
    }
}
