using FusionKit.Caching;
using FusionKit.Evaluation;

namespace FusionKit.Tests.Evaluation;

public class NearestCentroidTests
{
    [Fact]
    public void Predict_AssignsToTheNearestClassMean()
    {
        // Hand-computed: class 0 mean (0,1), class 1 mean (4,4). (1,1) is nearer class 0 (d²=1 vs 18),
        // (3,5) nearer class 1 (d²=25 vs 2), (2,2.2) is d²=4+1.44=5.44 from (0,1) and 4+3.24=7.24 from (4,4): class 0.
        var train = new EmbeddingMatrix(4, 2, [0, 0, 0, 2, 4, 3, 4, 5]);
        var model = NearestCentroid.Fit(train, [0, 0, 1, 1], 2);
        Assert.Equal([0, 1, 0], model.Predict(new EmbeddingMatrix(3, 2, [1, 1, 3, 5, 2, 2.2f])));
    }

    [Fact]
    public void Fit_RejectsAClassWithoutExamples()
    {
        var e = Assert.Throws<ArgumentException>(() => NearestCentroid.Fit(new EmbeddingMatrix(1, 1, [1]), [0], 3));
        Assert.Contains("1, 2", e.Message);
    }
}
