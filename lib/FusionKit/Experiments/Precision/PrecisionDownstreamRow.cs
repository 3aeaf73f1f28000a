using FusionKit.Evaluation;

namespace FusionKit.Experiments.Precision;

/// <summary>
/// One honest case-study model trained on fp32 and on bf16 image embeddings (see <see cref="ImagePrecisionCheck.Downstream"/>):
/// test accuracy mean ± std over the same seeds with each.
/// </summary>
/// <param name="Model">The case-study variant, e.g. "image-only" or "compatibility (minilm)".</param>
/// <param name="Fp32">Test accuracy over seeds with fp32 embeddings.</param>
/// <param name="Bf16">Test accuracy over the same seeds with bf16 embeddings.</param>
public sealed record PrecisionDownstreamRow(string Model, MetricSummary Fp32, MetricSummary Bf16)
{
    /// <summary>bf16 minus fp32 mean accuracy, in percentage points.</summary>
    public double ChangePoints => 100 * (Bf16.Mean - Fp32.Mean);

    /// <summary>True when the change stays within <paramref name="boundPoints"/> in magnitude (0.2 points by default; a
    /// change equal to the bound, up to 1e-9 points of floating-point rounding, is within).</summary>
    public bool Within(double boundPoints = ImagePrecisionCheck.DownstreamBoundPoints) => Math.Abs(ChangePoints) <= boundPoints + 1e-9;
}
