using FusionKit.Evaluation;

namespace FusionKit.Tests.Evaluation;

public class SummaryAndBootstrapTests
{
    [Fact]
    public void MetricSummary_UsesSampleStandardDeviation()
    {
        // Hand-computed: [2,4,4,4,5,5,7,9] has mean 5 and squared deviations summing to 32, so the sample
        // (ddof=1) standard deviation is sqrt(32/7) = 2.138090, not the population value 2.
        var summary = MetricSummary.Of([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(5.0, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), summary.StandardDeviation, 12);
        Assert.Equal(8, summary.Count);
    }

    [Fact]
    public void MetricSummary_FormatsMeanPlusMinusStd()
    {
        // Hand-computed: mean 0.912, squared deviations 16e-6 + 0 + 16e-6, /2 -> std 0.004.
        var summary = MetricSummary.Of([0.908, 0.912, 0.916]);

        Assert.Equal(0.004, summary.StandardDeviation, 12);
        Assert.Equal("0.912 ± 0.004", summary.ToString());
        Assert.Equal("91.20 ± 0.40", MetricSummary.Of([90.8, 91.2, 91.6]).Format(2));
        Assert.Equal("0.912 ± n/a", MetricSummary.Of([0.912]).Format());
        Assert.True(double.IsNaN(MetricSummary.Of([0.912]).StandardDeviation));
    }

    [Fact]
    public void MetricSummary_RejectsEmptyAndNonFinite()
    {
        Assert.Throws<ArgumentException>(() => MetricSummary.Of([]));
        var nan = Assert.Throws<ArgumentException>(() => MetricSummary.Of([0.9, double.NaN]));
        Assert.Contains("values[1]", nan.Message);
    }

    [Fact]
    public void Percentile_MatchesNumpyLinearInterpolation()
    {
        // numpy: np.percentile([1,2,3,4], 25) = 1.75; np.percentile(range(11), 97.5) = 9.75;
        // np.percentile([1,2,3,4], 100) = 4 (position (n-1)·q = 0.75, 9.75, 3).
        Assert.Equal(1.75, Bootstrap.Percentile([1, 2, 3, 4], 0.25), 12);
        Assert.Equal(9.75, Bootstrap.Percentile(Enumerable.Range(0, 11).Select(i => (double)i).ToArray(), 0.975), 12);
        Assert.Equal(4.0, Bootstrap.Percentile([1, 2, 3, 4], 1.0), 12);
    }

    [Fact]
    public void Bootstrap_IsDeterministicBySeed()
    {
        var (yTrue, yPred) = NinetyPercentCorrect();

        var first = Bootstrap.PercentileInterval(yTrue, yPred, ClassificationMetrics.Accuracy, resamples: 500, seed: 7);
        var again = Bootstrap.PercentileInterval(yTrue, yPred, ClassificationMetrics.Accuracy, resamples: 500, seed: 7);

        Assert.Equal(first, again);
        Assert.Equal(FirstResample(seed: 7), FirstResample(seed: 7));
        Assert.NotEqual(FirstResample(seed: 7), FirstResample(seed: 8));
    }

    [Fact]
    public void Bootstrap_AccuracyIntervalContainsEstimateAndHasBinomialWidth()
    {
        var (yTrue, yPred) = NinetyPercentCorrect();

        var interval = Bootstrap.PercentileInterval(yTrue, yPred, ClassificationMetrics.Accuracy, resamples: 2000, alpha: 0.05, seed: 1);

        Assert.Equal(0.9, interval.Estimate, 12);
        Assert.True(interval.Contains(interval.Estimate), interval.ToString());
        // Reference: normal approximation of a binomial proportion, 0.9 ± 1.96·sqrt(0.9·0.1/200) = [0.858, 0.942];
        // the percentile bootstrap of a proportion lands within about one resolution step (1/200) of it.
        Assert.InRange(interval.Lower, 0.845, 0.87);
        Assert.InRange(interval.Upper, 0.93, 0.955);
    }

    [Fact]
    public void Bootstrap_ConstantStatisticGivesDegenerateInterval()
    {
        var interval = Bootstrap.PercentileInterval(50, _ => 0.75, resamples: 20, seed: 3);

        Assert.Equal((0.75, 0.75, 0.75), (interval.Estimate, interval.Lower, interval.Upper));
        Assert.Equal("0.750 [0.750, 0.750] (95% CI)", interval.ToString());
    }

    [Fact]
    public void Bootstrap_ResamplesWithReplacement()
    {
        // With replacement, some resample of 30 indices repeats an index (probability of none: 30!/30^30 ≈ 1e-12).
        var sawRepeat = false;
        Bootstrap.PercentileInterval(30, idx =>
        {
            sawRepeat |= idx.Distinct().Count() < idx.Length;
            return idx.Average();
        }, resamples: 5, seed: 0);

        Assert.True(sawRepeat);
    }

    private static int[] FirstResample(int seed)
    {
        // The statistic's first call is on the full sample (estimate); the second is the first resample.
        var calls = new List<int[]>();
        Bootstrap.PercentileInterval(40, idx =>
        {
            calls.Add((int[])idx.Clone());
            return 0;
        }, resamples: 2, seed: seed);
        return calls[1];
    }

    private static (int[] YTrue, int[] YPred) NinetyPercentCorrect()
    {
        // 200 samples, every 10th prediction wrong: accuracy exactly 0.9.
        var yTrue = Enumerable.Range(0, 200).Select(i => i % 3).ToArray();
        var yPred = yTrue.Select((y, i) => i % 10 == 0 ? (y + 1) % 3 : y).ToArray();
        return (yTrue, yPred);
    }
}
