using FusionKit.Caching;
using FusionKit.Experiments.CaseStudy;

namespace FusionKit.Tests.Experiments.CaseStudy;

public class LeakageAuditTests
{
    private static int[] Labels(int n, int classes) => Enumerable.Range(0, n).Select(i => (i * 7 + i / 3) % classes).ToArray();

    [Fact]
    public void WrongLabels_AreNeverTheTrueLabel_AndUniformOverTheOthers()
    {
        const int n = 20_000, classes = 10;
        var truth = Labels(n, classes);
        var wrong = LeakageAudit.WrongLabels(truth, classes, seed: 3);
        Assert.All(Enumerable.Range(0, n), i => Assert.NotEqual(truth[i], wrong[i]));
        Assert.All(wrong, w => Assert.InRange(w, 0, classes - 1));

        // Offset (wrong - true) mod C must be uniform on 1..C-1: expected n/9 each, binomial sd sqrt(n p (1-p)) ≈ 42; allow 5 sd.
        var offsets = truth.Zip(wrong, (t, w) => (w - t + classes) % classes).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, classes - 1), offsets.Keys.Order());
        var expected = n / 9.0;
        var sd = Math.Sqrt(n * (1 / 9.0) * (8 / 9.0));
        Assert.All(offsets.Values, count => Assert.InRange(count, expected - 5 * sd, expected + 5 * sd));
    }

    [Fact]
    public void WrongLabels_AreDeterministicBySeed()
    {
        var truth = Labels(500, 10);
        Assert.Equal(LeakageAudit.WrongLabels(truth, 10, 1), LeakageAudit.WrongLabels(truth, 10, 1));
        Assert.NotEqual(LeakageAudit.WrongLabels(truth, 10, 1), LeakageAudit.WrongLabels(truth, 10, 2));
    }

    [Fact]
    public void RandomLabels_AreUniform_AndHitTheTruthAboutOneTimeInC()
    {
        const int n = 20_000, classes = 10;
        var truth = Labels(n, classes);
        var random = LeakageAudit.RandomLabels(n, classes, seed: 5);
        // Each class expected n/10 = 2000 times, sd sqrt(n·0.1·0.9) ≈ 42.4; allow 5 sd.
        var sd = Math.Sqrt(n * 0.1 * 0.9);
        var counts = random.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, classes), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, n / 10.0 - 5 * sd, n / 10.0 + 5 * sd));
        // Independent of the truth: it coincides with probability 1/C.
        var hits = truth.Zip(random).Count(p => p.First == p.Second);
        Assert.InRange(hits, n / 10.0 - 5 * sd, n / 10.0 + 5 * sd);
        // The draws differ from the wrong-label stream for the same seed.
        Assert.NotEqual(random.Take(50), LeakageAudit.WrongLabels(truth, classes, 5).Take(50));
    }

    [Fact]
    public void TestTextRows_PutTheChosenLabelsTextInEachRow()
    {
        var table = new EmbeddingMatrix(3, 2, [1, 2, 3, 4, 5, 6]);
        int[] truth = [2, 0, 1];
        Assert.Equal(new float[] { 5, 6, 1, 2, 3, 4 }, LeakageAudit.TestTextRows(TestTextKind.TrueLabel, table, truth, 0));
        Assert.Equal(new float[6], LeakageAudit.TestTextRows(TestTextKind.Zeros, table, truth, 0));
        var wrong = LeakageAudit.TestTextRows(TestTextKind.WrongLabel, table, truth, 0);
        var wrongLabels = LeakageAudit.WrongLabels(truth, 3, 0);
        for (var i = 0; i < 3; i++) Assert.Equal(table.Row(wrongLabels[i]).ToArray(), wrong.AsSpan(i * 2, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => LeakageAudit.TestTextRows(TestTextKind.NotUsed, table, truth, 0));
        Assert.Throws<ArgumentException>(() => LeakageAudit.LabelTextRows(table, [3]));
    }
}
