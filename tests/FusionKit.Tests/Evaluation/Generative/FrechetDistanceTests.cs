using FusionKit.Caching;
using FusionKit.Evaluation.Generative;

namespace FusionKit.Tests.Evaluation.Generative;

/// <summary>
/// Reference: Heusel et al. 2017, eq. 6, d² = ||μ1 − μ2||² + Tr(Σ1 + Σ2 − 2(Σ1Σ2)^½), Σ the sample covariance
/// with divisor N − 1 (numpy.cov, as in the reference implementations). Expected values are hand-computed
/// from the points written out in the comments.
/// </summary>
public class FrechetDistanceTests
{
    // A = (0,0) (6,0) (0,3) (6,3): μA = (3, 1.5); centred rows (±3, ±1.5), XᵀX = diag(36, 9), ΣA = diag(12, 3).
    private static readonly float[][] A = [[0, 0], [6, 0], [0, 3], [6, 3]];

    // B = (8,4) (2,-2) (6,0) (4,2): μB = (5, 1); centred rows (3,3) (-3,-3) (1,-1) (-1,1),
    // XᵀX = [[9+9+1+1, 9+9-1-1], [.., 9+9+1+1]] = [[20, 16], [16, 20]], ΣB = [[20/3, 16/3], [16/3, 20/3]].
    private static readonly float[][] B = [[8, 4], [2, -2], [6, 0], [4, 2]];

    [Fact]
    public void Compute_MatchesHandComputedTwoDimensionalCase()
    {
        // ||μA − μB||² = (3 − 5)² + (1.5 − 1)² = 4.25.
        // Tr ΣA = 15, Tr ΣB = 40/3.
        // ΣA ΣB = [[12·20/3, 12·16/3], [3·16/3, 3·20/3]] = [[80, 64], [16, 20]] (not symmetric: ΣA, ΣB do not commute).
        // For a 2x2 matrix with eigenvalues a, b ≥ 0: Tr(M^½) = √a + √b = sqrt(Tr M + 2 sqrt(det M)).
        // Tr(ΣAΣB) = 100, det(ΣAΣB) = det ΣA · det ΣB = 36 · (400 − 256)/9 = 576, so Tr((ΣAΣB)^½) = sqrt(100 + 48) = sqrt(148).
        // d² = 4.25 + 15 + 40/3 − 2·sqrt(148) ≈ 8.252283.
        var expected = 4.25 + 15 + 40.0 / 3 - 2 * Math.Sqrt(148);

        var distance = FrechetDistance.Compute(EmbeddingMatrix.FromRows(A), EmbeddingMatrix.FromRows(B));

        Assert.Equal(expected, distance, 9);
        Assert.Equal(8.252283, distance, 5);
    }

    [Fact]
    public void Compute_IsSymmetric()
    {
        var first = Gaussian(300, 32, seed: 1, scale: 1.0);
        var second = Gaussian(300, 32, seed: 2, scale: 2.0);

        var forward = FrechetDistance.Compute(first, second);
        var backward = FrechetDistance.Compute(second, first);

        Assert.True(forward > 1, $"Differently scaled Gaussians should be far apart, got {forward}.");
        Assert.Equal(forward, backward, 8);
    }

    [Fact]
    public void Compute_IdenticalSetsGiveZero_EvenWhenRankDeficientAt512Dimensions()
    {
        // 100 rows in 512-d: each covariance has rank ≤ 99, the case a naive sqrtm turns into complex noise.
        var features = Gaussian(100, 512, seed: 3, scale: 1.0);
        var traceScale = 512.0; // Tr Σ ≈ 512 for unit-variance features

        var distance = FrechetDistance.Compute(features, features);

        Assert.True(distance >= 0);
        Assert.True(distance < 1e-6 * traceScale, $"Identical sets gave {distance}.");
    }

    [Fact]
    public void Compute_ShiftByVectorAddsItsSquaredNorm()
    {
        // Shifting every row by v moves μ by v and leaves Σ unchanged: the trace term is Tr(2Σ − 2Σ) = 0,
        // so d² = ||v||². Here v = (1, 2, 0, ..., 0, 3): ||v||² = 1 + 4 + 9 = 14.
        var features = Gaussian(400, 16, seed: 4, scale: 1.5);
        var shifted = new float[features.Data.Length];
        for (var i = 0; i < features.Rows; i++)
            for (var j = 0; j < features.Dimension; j++)
            {
                var shift = j == 0 ? 1f : j == 1 ? 2f : j == features.Dimension - 1 ? 3f : 0f;
                shifted[i * features.Dimension + j] = features.Data[i * features.Dimension + j] + shift;
            }

        var distance = FrechetDistance.Compute(features, new EmbeddingMatrix(features.Rows, features.Dimension, shifted));

        Assert.Equal(14.0, distance, 3);
    }

    [Fact]
    public void Compute_RejectsMismatchedOrTooSmallInputWithANamedReason()
    {
        var two = EmbeddingMatrix.FromRows(A);
        var three = EmbeddingMatrix.FromRows([[1f, 2f, 3f], [4f, 5f, 6f]]);
        var one = EmbeddingMatrix.FromRows([[1f, 2f]]);

        Assert.Contains("different dimensions", Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(two, three)).Message);
        Assert.Contains("at least two samples", Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(one, two)).Message);
        var withNaN = EmbeddingMatrix.FromRows([[1f, 2f], [float.NaN, 0f]]);
        Assert.Contains("row 1, column 0", Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(two, withNaN)).Message);
    }

    /// <summary>Independent Gaussian features from a seeded C# RNG (Box–Muller), standard deviation <paramref name="scale"/>.</summary>
    internal static EmbeddingMatrix Gaussian(int rows, int dimension, int seed, double scale)
    {
        var random = new Random(seed);
        var data = new float[rows * dimension];
        for (var i = 0; i < data.Length; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            data[i] = (float)(scale * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return new EmbeddingMatrix(rows, dimension, data);
    }
}
