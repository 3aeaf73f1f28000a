using FusionKit.Caching;
using FusionKit.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Evaluation.Generative;

/// <summary>
/// Fréchet distance between Gaussian fits of two feature sets (Heusel et al., "GANs Trained by a Two Time-Scale
/// Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017, eq. 6):
/// <c>d² = ||μ1 − μ2||² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½)</c>, with μ the row mean and Σ the sample covariance
/// (divisor N − 1, as <c>numpy.cov</c> in the reference implementations).
/// <para>Stability: <c>Σ1 Σ2</c> is not symmetric and a general matrix square root of a near-singular product
/// (few samples, 512-d features) returns complex noise. Because <c>Σ1 Σ2</c> is similar to the symmetric
/// positive semi-definite <c>√Σ1 Σ2 √Σ1</c>, <c>Tr((Σ1 Σ2)^½) = Σ_i sqrt(λ_i(√Σ1 Σ2 √Σ1))</c>; both steps
/// use symmetric eigendecompositions (<c>linalg.eigh</c>) in double precision, and eigenvalues that rounding
/// pushes slightly below zero are clamped to zero.</para>
/// <para>Caveats, to state with every figure: the estimate is biased upward for small samples (the bias
/// shrinks roughly as 1/N, Chong and Forsyth, CVPR 2020), so two distances are comparable only when they were
/// computed with the same sample sizes, and the sizes must be reported. The feature space matters too: the
/// published "FID" numbers use Inception-v3 pool3 features; a distance in another feature space (the kit's
/// ResNet18 features) is a different quantity and carries its own name and floor.</para>
/// </summary>
public static class FrechetDistance
{
    /// <summary>
    /// The squared Fréchet distance between Gaussians fitted to the rows of <paramref name="first"/> and of
    /// <paramref name="second"/> (the number usually reported as "FID" when the features are Inception's).
    /// Symmetric in its arguments; 0 for identical sets.
    /// </summary>
    /// <param name="first">Feature rows (at least two, so the covariance is defined).</param>
    /// <param name="second">Feature rows of the same dimension; use the same row count as <paramref name="first"/>
    /// so the small-sample bias is the same on both sides, and state it.</param>
    /// <exception cref="ArgumentException">Fewer than two rows, different dimensions, or a non-finite value (named).</exception>
    public static double Compute(EmbeddingMatrix first, EmbeddingMatrix second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Check(first, nameof(first));
        Check(second, nameof(second));
        if (first.Dimension != second.Dimension)
            throw new ArgumentException(
                $"The two feature sets have different dimensions ({first.Dimension} and {second.Dimension}); embed both with the same encoder.",
                nameof(second));
        TorchRuntime.EnsureReady();
        using var scope = NewDisposeScope();
        var (mean1, cov1) = Fit(first);  // (D), (D, D)
        var (mean2, cov2) = Fit(second); // (D), (D, D)
        var meanTerm = (mean1 - mean2).square().sum().item<double>();
        var sqrtTrace = TraceSqrtProduct(cov1, cov2);
        var traceTerm = cov1.trace().item<double>() + cov2.trace().item<double>() - 2 * sqrtTrace;
        // The exact value is ≥ 0; rounding can leave a tiny negative residue when the sets coincide.
        return Math.Max(0, meanTerm + traceTerm);
    }

    /// <summary>
    /// <c>Tr((Σ1 Σ2)^½)</c> for symmetric positive semi-definite <paramref name="cov1"/> and <paramref name="cov2"/>
    /// (both (D, D), float64), as the sum of square roots of the eigenvalues of <c>√Σ1 Σ2 √Σ1</c>.
    /// </summary>
    internal static double TraceSqrtProduct(Tensor cov1, Tensor cov2)
    {
        using var scope = NewDisposeScope();
        var sqrt1 = SymmetricSqrt(cov1);                  // (D, D)
        var middle = sqrt1.matmul(cov2).matmul(sqrt1);    // (D, D), symmetric PSD up to rounding
        middle = (middle + middle.t()) / 2;               // (D, D), exactly symmetric for eigh
        var eigenvalues = linalg.eigvalsh(middle);        // (D)
        return eigenvalues.clamp_min(0).sqrt().sum().item<double>();
    }

    /// <summary>The symmetric square root <c>V diag(sqrt(max(λ, 0))) Vᵀ</c> of a symmetric PSD matrix (D, D).</summary>
    private static Tensor SymmetricSqrt(Tensor matrix)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh((matrix + matrix.t()) / 2); // (D), (D, D)
        var roots = eigenvalues.clamp_min(0).sqrt();                             // (D)
        return (eigenvectors * roots.unsqueeze(0)).matmul(eigenvectors.t());     // (D, D)
    }

    /// <summary>Row mean (D) and sample covariance (D, D) with divisor N − 1, in float64.</summary>
    private static (Tensor Mean, Tensor Covariance) Fit(EmbeddingMatrix features)
    {
        var x = torch.tensor(features.Data, [features.Rows, features.Dimension]).to(ScalarType.Float64); // (N, D)
        var mean = x.mean([0]);                                                  // (D)
        var centered = x - mean;                                                 // (N, D)
        var covariance = centered.t().matmul(centered) / (features.Rows - 1.0);  // (D, D)
        return (mean, covariance);
    }

    private static void Check(EmbeddingMatrix features, string name)
    {
        if (features.Rows < 2)
            throw new ArgumentException($"The feature set '{name}' has {features.Rows} row(s); a covariance needs at least two samples.", name);
        var data = features.Data;
        for (var i = 0; i < data.Length; i++)
            if (!float.IsFinite(data[i]))
                throw new ArgumentException($"The feature set '{name}' holds a non-finite value at row {i / features.Dimension}, column {i % features.Dimension}.", name);
    }
}
