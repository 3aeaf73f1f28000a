using System.Globalization;

namespace FusionKit.Evaluation;

/// <summary>A percentile bootstrap confidence interval around a point estimate.</summary>
/// <param name="Estimate">The statistic on the full sample.</param>
/// <param name="Lower">The alpha/2 percentile of the resampled statistics.</param>
/// <param name="Upper">The 1 − alpha/2 percentile of the resampled statistics.</param>
/// <param name="Alpha">1 − confidence level (0.05 for a 95% interval).</param>
/// <param name="Resamples">Number of bootstrap resamples.</param>
/// <param name="Seed">Seed of the resampling RNG; the same seed gives the same interval.</param>
public sealed record BootstrapInterval(double Estimate, double Lower, double Upper, double Alpha, int Resamples, int Seed)
{
    /// <summary>Whether <paramref name="value"/> lies in [Lower, Upper].</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>"0.912 [0.890, 0.931] (95% CI)".</summary>
    public string Format(int digits = 3)
    {
        var f = "F" + digits.ToString(CultureInfo.InvariantCulture);
        var level = ((1 - Alpha) * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Estimate.ToString(f, CultureInfo.InvariantCulture)} [{Lower.ToString(f, CultureInfo.InvariantCulture)}, {Upper.ToString(f, CultureInfo.InvariantCulture)}] ({level}% CI)");
    }

    /// <inheritdoc />
    public override string ToString() => Format();
}
