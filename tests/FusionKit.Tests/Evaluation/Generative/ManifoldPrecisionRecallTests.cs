using FusionKit.Caching;
using FusionKit.Evaluation.Generative;

namespace FusionKit.Tests.Evaluation.Generative;

/// <summary>
/// Definition: Kynkäänniemi et al. 2019, eq. 1-3: a sample is inside a set's manifold when its distance to some
/// point of the set is ≤ that point's distance to its k-th nearest neighbour in the set (itself excluded);
/// precision = share of generated samples inside the real manifold, recall = share of real samples inside the
/// generated manifold. The worked example below was computed by hand.
/// </summary>
public class ManifoldPrecisionRecallTests
{
    // One-dimensional worked example, k = 3.
    // Real 0, 1, 2, 3, 10, 11. Sorted distances to the other points and the 3rd of them (the radius):
    //   0: 1 2 3 10 11 -> 3     1: 1 1 2 9 10 -> 2     2: 1 1 2 8 9 -> 2
    //   3: 1 2 3 7 8   -> 3    10: 1 7 8 9 10 -> 8    11: 1 8 9 10 11 -> 9
    //   spheres [-3,3] [-1,3] [0,4] [0,6] [2,18] [2,20]: the real manifold is [-3, 20].
    // Generated -4, 0.5, 1, 1.5, 2:
    //   -4: 4.5 5 5.5 6 -> 5.5    0.5: 0.5 1 1.5 4.5 -> 1.5    1: 0.5 0.5 1 5 -> 1
    //   1.5: 0.5 0.5 1 5.5 -> 1   2: 0.5 1 1.5 6 -> 1.5
    //   spheres [-9.5,1.5] [-1,2] [0,2] [0.5,2.5] [0.5,3.5]: the generated manifold is [-9.5, 3.5].
    // Precision: -4 is outside [-3, 20], the other four inside -> 4/5 = 0.8.
    // Recall: 0, 1, 2, 3 are inside [-9.5, 3.5], 10 and 11 are not -> 4/6 = 2/3.
    private static readonly float[] Real = [0, 1, 2, 3, 10, 11];
    private static readonly float[] Generated = [-4, 0.5f, 1, 1.5f, 2];

    private static EmbeddingMatrix Column(float[] values) => new(values.Length, 1, values);

    [Fact]
    public void Radii_MatchHandComputedThirdNeighbourDistances()
    {
        Assert.Equal([3.0, 2, 2, 3, 8, 9], ManifoldPrecisionRecall.KthNeighbourDistances(Column(Real), k: 3));
        Assert.Equal([5.5, 1.5, 1, 1, 1.5], ManifoldPrecisionRecall.KthNeighbourDistances(Column(Generated), k: 3));
    }

    [Fact]
    public void Compute_MatchesHandWorkedExample()
    {
        var scores = ManifoldPrecisionRecall.Compute(Column(Real), Column(Generated), k: 3);

        Assert.Equal(0.8, scores.Precision, 12);
        Assert.Equal(2.0 / 3, scores.Recall, 12);
        Assert.Equal((3, 6, 5), (scores.K, scores.RealCount, scores.GeneratedCount));
    }

    [Fact]
    public void Compute_CountsASampleOnTheSphereBoundaryAsInside()
    {
        // Real 0, 1, 2 with k = 1: radii 1, 1, 1 -> manifold [-1, 3]. Generated 3 lies exactly on the boundary
        // (distance 1 from 2, radius 1) and 4 just outside; generated radii (k = 1) 1, 1 -> spheres [2,4] [3,5].
        // Precision = 1/2 (3 in, 4 out). Recall: 2 is inside [2, 4] on its boundary, 0 and 1 are not -> 1/3.
        var scores = ManifoldPrecisionRecall.Compute(Column([0, 1, 2]), Column([3, 4]), k: 1);

        Assert.Equal(0.5, scores.Precision, 12);
        Assert.Equal(1.0 / 3, scores.Recall, 12);
    }

    [Fact]
    public void Compute_DoesNotDependOnTheChunkSize()
    {
        var real = FrechetDistanceTests.Gaussian(230, 24, seed: 5, scale: 1.0);
        var generated = FrechetDistanceTests.Gaussian(170, 24, seed: 6, scale: 1.3);

        var whole = ManifoldPrecisionRecall.Compute(real, generated);
        var chunked = ManifoldPrecisionRecall.Compute(real, generated, chunkRows: 7);

        Assert.Equal(whole, chunked);
        Assert.InRange(whole.Precision, 0.01, 0.99); // a case where the chunk boundaries could matter
    }

    [Fact]
    public void Compute_ModeCollapseGivesHighPrecisionAndLowRecall()
    {
        // Ten well-separated clusters in the plane (centres 30 apart on a line, unit noise), 60 real points each.
        // A collapsed generator draws all its 200 samples from cluster 0; a faithful one from every cluster.
        var real = Clusters(Enumerable.Range(0, 600).Select(i => i % 10).ToArray(), seed: 7);
        var collapsed = Clusters(new int[200], seed: 8);
        var faithful = Clusters(Enumerable.Range(0, 200).Select(i => i % 10).ToArray(), seed: 9);

        var collapse = ManifoldPrecisionRecall.Compute(real, collapsed);
        var healthy = ManifoldPrecisionRecall.Compute(real, faithful);

        Assert.True(collapse.Precision > 0.9, $"precision {collapse.Precision}");
        Assert.True(collapse.Recall < 0.15, $"recall {collapse.Recall}: only cluster 0's tenth of the real data can be covered");
        Assert.True(healthy.Precision > 0.9 && healthy.Recall > 0.8, $"faithful generator: {healthy}");
    }

    [Fact]
    public void Compute_RejectsBadInputWithANamedReason()
    {
        var four = Column([0, 1, 2, 3]);
        Assert.Contains("at least 4", Assert.Throws<ArgumentException>(() => ManifoldPrecisionRecall.Compute(four, Column([0, 1, 2]))).Message);
        Assert.Contains("different dimensions", Assert.Throws<ArgumentException>(() => ManifoldPrecisionRecall.Compute(four, new EmbeddingMatrix(4, 2, new float[8]))).Message);
        Assert.Contains("k must be at least 1", Assert.Throws<ArgumentException>(() => ManifoldPrecisionRecall.Compute(four, four, k: 0)).Message);
        Assert.Contains("row 2", Assert.Throws<ArgumentException>(() => ManifoldPrecisionRecall.Compute(four, Column([0, 1, float.PositiveInfinity, 3]))).Message);
    }

    /// <summary>2-d points: class c centred at (30·c, 0), plus unit Gaussian noise from a seeded C# RNG.</summary>
    private static EmbeddingMatrix Clusters(int[] classes, int seed)
    {
        var noise = FrechetDistanceTests.Gaussian(classes.Length, 2, seed, scale: 1.0);
        for (var i = 0; i < classes.Length; i++) noise.Data[i * 2] += 30 * classes[i];
        return noise;
    }
}
