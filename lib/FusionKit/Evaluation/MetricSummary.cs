using System.Globalization;

namespace FusionKit.Evaluation;

/// <summary>
/// Mean and sample standard deviation of a metric over runs (e.g. seeds). The standard deviation uses
/// ddof = 1 (divides by n − 1, numpy's <c>np.std(x, ddof=1)</c>); with a single run it is NaN.
/// </summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (ddof = 1); NaN when <paramref name="Count"/> is 1.</param>
/// <param name="Count">Number of runs.</param>
public sealed record MetricSummary(double Mean, double StandardDeviation, int Count)
{
    /// <summary>Summarises the values of one metric over runs.</summary>
    /// <exception cref="ArgumentException">No values, or a value is NaN or infinite (its index is named).</exception>
    public static MetricSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length == 0)
            throw new ArgumentException("At least one value is required to summarise a metric.", nameof(values));
        for (var i = 0; i < list.Length; i++)
        {
            if (!double.IsFinite(list[i]))
                throw new ArgumentException($"values[{i}] = {list[i]} is not a finite number.", nameof(values));
        }

        var mean = list.Average();
        var std = list.Length == 1
            ? double.NaN
            : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Length - 1));
        return new MetricSummary(mean, std, list.Length);
    }

    /// <summary>"0.912 ± 0.004" with <paramref name="digits"/> decimals; "0.912 ± n/a" for a single run.</summary>
    public string Format(int digits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        var format = "F" + digits.ToString(CultureInfo.InvariantCulture);
        var spread = double.IsNaN(StandardDeviation) ? "n/a" : StandardDeviation.ToString(format, CultureInfo.InvariantCulture);
        return Mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + spread;
    }

    /// <inheritdoc />
    public override string ToString() => Format();
}
