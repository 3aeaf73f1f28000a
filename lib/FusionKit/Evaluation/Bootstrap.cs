namespace FusionKit.Evaluation;

/// <summary>
/// Percentile bootstrap (Efron &amp; Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13): draw B
/// resamples of the test-set indices with replacement, compute the statistic on each, and take the alpha/2
/// and 1 − alpha/2 percentiles (numpy's default linear interpolation). Deterministic for a given seed:
/// indices come from <see cref="Random(int)"/>, whose seeded sequence is fixed across .NET versions.
/// </summary>
public static class Bootstrap
{
    /// <summary>Confidence interval for a statistic of the samples selected by an index array.</summary>
    /// <param name="sampleCount">Size of the test set; each resample draws this many indices in 0..sampleCount-1.</param>
    /// <param name="statistic">Computes the statistic from the indices of one resample (repeats allowed).</param>
    /// <param name="resamples">Number of resamples B (at least 2).</param>
    /// <param name="alpha">1 − confidence level, in (0, 1).</param>
    /// <param name="seed">Seed of the resampling RNG.</param>
    public static BootstrapInterval PercentileInterval(
        int sampleCount, Func<int[], double> statistic, int resamples = 1000, double alpha = 0.05, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie strictly between 0 and 1.");

        var estimate = statistic(Enumerable.Range(0, sampleCount).ToArray());
        var random = new Random(seed);
        var values = new double[resamples];
        var indices = new int[sampleCount];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < sampleCount; i++)
                indices[i] = random.Next(sampleCount);
            values[b] = statistic(indices);
            if (double.IsNaN(values[b]))
                throw new InvalidOperationException($"The statistic returned NaN on bootstrap resample {b} (seed {seed}).");
        }

        Array.Sort(values);
        return new BootstrapInterval(
            estimate, Percentile(values, alpha / 2), Percentile(values, 1 - alpha / 2), alpha, resamples, seed);
    }

    /// <summary>Confidence interval for a metric of (true, predicted) labels on a test set, e.g. <see cref="ClassificationMetrics.Accuracy"/>.</summary>
    public static BootstrapInterval PercentileInterval(
        int[] yTrue, int[] yPred, Func<int[], int[], double> metric, int resamples = 1000, double alpha = 0.05, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        ArgumentNullException.ThrowIfNull(metric);
        if (yTrue.Length != yPred.Length)
            throw new ArgumentException($"yTrue has {yTrue.Length} labels but yPred has {yPred.Length}.", nameof(yPred));
        return PercentileInterval(
            yTrue.Length,
            idx => metric(Array.ConvertAll(idx, i => yTrue[i]), Array.ConvertAll(idx, i => yPred[i])),
            resamples, alpha, seed);
    }

    /// <summary>
    /// The q-quantile (q in [0, 1]) of ascending sorted values with linear interpolation between closest ranks,
    /// numpy's <c>np.percentile(x, 100*q)</c> default ("linear", Hyndman &amp; Fan type 7).
    /// </summary>
    internal static double Percentile(double[] sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
