using FusionKit.Caching;
using FusionKit.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Evaluation.Generative;

/// <summary>
/// Improved precision and recall of a generative model in a feature space (Kynkäänniemi et al., "Improved
/// Precision and Recall Metric for Assessing Generative Models", NeurIPS 2019). Each set of features
/// approximates its manifold by the union of hyperspheres around its points, the radius of a point's sphere
/// being the distance to its k-th nearest neighbour in the same set (the point itself not counted; k = 3 in
/// the paper). A sample is inside a manifold when it lies in at least one of its spheres (distance ≤ radius,
/// as eq. 1 of the paper and NVlabs' <c>ManifoldEstimator</c>):
/// <list type="bullet">
/// <item><b>precision</b>: share of generated samples inside the real manifold (quality: few implausible samples);</item>
/// <item><b>recall</b>: share of real samples inside the generated manifold (diversity: mode collapse lowers it).</item>
/// </list>
/// Distances are exact (all pairs, no approximate nearest neighbours), computed in float64 in row chunks so that
/// 10,000 x 10,000 samples of 512-d features need about <c>chunk x 10,000 x 8</c> bytes at a time (80 MB with
/// the default chunk) besides the two feature sets. Like the paper, no outlier clamping is applied: one far
/// outlier in a set has a large sphere and inflates the other measure, so read precision and recall together
/// with the Fréchet distance, and compare them only at equal, stated sample sizes.
/// </summary>
public static class ManifoldPrecisionRecall
{
    /// <summary>The paper's neighbourhood size.</summary>
    public const int DefaultK = 3;

    /// <summary>Default rows per distance chunk.</summary>
    public const int DefaultChunkRows = 1024;

    /// <summary>Precision and recall of <paramref name="generated"/> against <paramref name="real"/>.</summary>
    /// <param name="real">Real feature rows (more than <paramref name="k"/>).</param>
    /// <param name="generated">Generated feature rows of the same dimension (more than <paramref name="k"/>).</param>
    /// <param name="k">Neighbour whose distance sets each sphere's radius (3 in the paper).</param>
    /// <param name="chunkRows">Query rows per distance chunk; bounds memory, not the result.</param>
    /// <param name="cancel">Checked between chunks.</param>
    /// <exception cref="ArgumentException">Different dimensions, too few rows for <paramref name="k"/>, a non-finite value, or k / chunk size below 1 (named).</exception>
    public static PrecisionRecallScores Compute(EmbeddingMatrix real, EmbeddingMatrix generated, int k = DefaultK, int chunkRows = DefaultChunkRows, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        if (k < 1) throw new ArgumentException($"k must be at least 1, got {k}.", nameof(k));
        if (chunkRows < 1) throw new ArgumentException($"The chunk size must be at least 1 row, got {chunkRows}.", nameof(chunkRows));
        Check(real, k, nameof(real));
        Check(generated, k, nameof(generated));
        if (real.Dimension != generated.Dimension)
            throw new ArgumentException(
                $"The real and generated features have different dimensions ({real.Dimension} and {generated.Dimension}); embed both with the same encoder.",
                nameof(generated));
        TorchRuntime.EnsureReady();
        using var scope = NewDisposeScope();
        var realRows = ToDouble(real);           // (R, D)
        var generatedRows = ToDouble(generated); // (G, D)
        var realRadii = SquaredRadii(realRows, k, chunkRows, cancel);           // (R)
        var generatedRadii = SquaredRadii(generatedRows, k, chunkRows, cancel); // (G)
        var precision = ShareInside(generatedRows, realRows, realRadii, chunkRows, cancel);
        var recall = ShareInside(realRows, generatedRows, generatedRadii, chunkRows, cancel);
        return new PrecisionRecallScores(precision, recall, k, real.Rows, generated.Rows);
    }

    /// <summary>
    /// Distance from each row of <paramref name="points"/> to its <paramref name="k"/>-th nearest other row (the
    /// radius of its hypersphere); exposed for tests and for inspecting outliers.
    /// </summary>
    /// <exception cref="ArgumentException">Too few rows for <paramref name="k"/> or a non-finite value (named).</exception>
    public static double[] KthNeighbourDistances(EmbeddingMatrix points, int k = DefaultK, int chunkRows = DefaultChunkRows)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (k < 1) throw new ArgumentException($"k must be at least 1, got {k}.", nameof(k));
        if (chunkRows < 1) throw new ArgumentException($"The chunk size must be at least 1 row, got {chunkRows}.", nameof(chunkRows));
        Check(points, k, nameof(points));
        TorchRuntime.EnsureReady();
        using var scope = NewDisposeScope();
        var squared = SquaredRadii(ToDouble(points), k, chunkRows, CancellationToken.None); // (N)
        return squared.sqrt().data<double>().ToArray();
    }

    /// <summary>Squared distance of each row to its k-th nearest other row (N), its own distance excluded.</summary>
    private static Tensor SquaredRadii(Tensor points, int k, int chunkRows, CancellationToken cancel)
    {
        var n = (int)points.shape[0];
        var norms = points.square().sum(1); // (N)
        var radii = torch.empty(n, ScalarType.Float64);
        for (var start = 0; start < n; start += chunkRows)
        {
            cancel.ThrowIfCancellationRequested();
            using var chunkScope = NewDisposeScope();
            var rows = Math.Min(chunkRows, n - start);
            var distances = SquaredDistances(points.narrow(0, start, rows), norms.narrow(0, start, rows), points, norms); // (b, N)
            distances.narrow(1, start, rows).diagonal().fill_(double.PositiveInfinity);                                    // (b, N), each row's own distance excluded
            var (nearest, _) = distances.topk(k, dim: 1, largest: false, sorted: true);                                     // (b, k)
            radii.narrow(0, start, rows).copy_(nearest.select(1, k - 1));                                                   // (b)
        }
        return radii;
    }

    /// <summary>Share of <paramref name="queries"/> within the squared radius of at least one row of <paramref name="manifold"/>.</summary>
    private static double ShareInside(Tensor queries, Tensor manifold, Tensor squaredRadii, int chunkRows, CancellationToken cancel)
    {
        var n = (int)queries.shape[0];
        var queryNorms = queries.square().sum(1);   // (Q)
        var manifoldNorms = manifold.square().sum(1); // (M)
        long inside = 0;
        for (var start = 0; start < n; start += chunkRows)
        {
            cancel.ThrowIfCancellationRequested();
            using var chunkScope = NewDisposeScope();
            var rows = Math.Min(chunkRows, n - start);
            var distances = SquaredDistances(queries.narrow(0, start, rows), queryNorms.narrow(0, start, rows), manifold, manifoldNorms); // (b, M)
            inside += distances.le(squaredRadii.unsqueeze(0)).any(1).sum().item<long>();
        }
        return (double)inside / n;
    }

    /// <summary>Squared Euclidean distances (b, M) as ||a||² + ||b||² − 2 a·b in float64, clamped at 0; one (b, M) buffer, updated in place.</summary>
    private static Tensor SquaredDistances(Tensor a, Tensor aNorms, Tensor b, Tensor bNorms) =>
        a.matmul(b.t()).mul_(-2).add_(aNorms.unsqueeze(1)).add_(bNorms.unsqueeze(0)).clamp_min_(0); // (b, M)

    private static Tensor ToDouble(EmbeddingMatrix features) =>
        torch.tensor(features.Data, [features.Rows, features.Dimension]).to(ScalarType.Float64); // (N, D)

    private static void Check(EmbeddingMatrix features, int k, string name)
    {
        if (features.Rows <= k)
            throw new ArgumentException($"The {name} features have {features.Rows} row(s); k = {k} neighbours need at least {k + 1}.", name);
        var data = features.Data;
        for (var i = 0; i < data.Length; i++)
            if (!float.IsFinite(data[i]))
                throw new ArgumentException($"The {name} features hold a non-finite value at row {i / features.Dimension}, column {i % features.Dimension}.", name);
    }
}
