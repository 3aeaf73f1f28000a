using FusionKit.Caching;
using FusionKit.Evaluation.Ranking;

namespace FusionKit.Tests.Evaluation.Ranking;

/// <summary>Retrieval by the classification result on five 2-d items; expected values computed by hand below.</summary>
public class ClassificationRetrievalTests
{
    // item  embedding   truth  predicted
    // 0     (1, 0)      0      0
    // 1     (0.9, 0.1)  0      0
    // 2     (0.8, 0.6)  1      0   (misclassified)
    // 3     (0, 1)      1      1
    // 4     (0.6, 0.8)  0      1   (misclassified)
    private static readonly EmbeddingMatrix Embeddings = new(5, 2, [1, 0, 0.9f, 0.1f, 0.8f, 0.6f, 0, 1, 0.6f, 0.8f]);
    private static readonly int[] Truth = [0, 0, 1, 1, 0];
    private static readonly int[] Predicted = [0, 0, 0, 1, 1];

    [Fact]
    public void LeaveOneOut_RetrievesThePredictedClass_RankedByCosine()
    {
        // cos(0,1) = 0.9 / |(0.9, 0.1)| = 0.9939, cos(0,2) = 0.8, cos(1,2) = 0.78 / 0.9055 = 0.8614.
        // q0 -> [1, 2] (T F, 2 relevant: items 1 and 4); q1 -> [0, 2] (T F, 2 relevant); q2 -> [1, 0] (F F, 1 relevant: item 3);
        // q3 -> [4] (F, 1 relevant: item 2); q4 -> [3] (F, 2 relevant: items 0 and 1).
        var rankings = ClassificationRetrieval.Retrieve(Predicted, Truth, Embeddings);
        Assert.Equal([1, 2], rankings[0].Items);
        Assert.Equal([0, 2], rankings[1].Items);
        Assert.Equal([1, 0], rankings[2].Items);
        Assert.Equal([4], rankings[3].Items);
        Assert.Equal([3], rankings[4].Items);
        Assert.Equal([2, 2, 1, 1, 2], rankings.Select(r => r.RelevantCount));

        // P@1 = (1 + 1 + 0 + 0 + 0) / 5 = 0.4; P@2 = (1/2 + 1/2) / 5 = 0.2; R@1 = R@2 = (1/2 + 1/2) / 5 = 0.2;
        // AP: q0 = q1 = (1/1) / 2 = 0.5, others 0 -> mAP 0.2; retrieved (2 + 2 + 2 + 1 + 1) / 5 = 1.6.
        var report = ClassificationRetrieval.Evaluate(rankings, [1, 2]);
        Assert.Equal([0.4, 0.2], report.PrecisionAtK.Select(v => Math.Round(v, 10)));
        Assert.Equal([0.2, 0.2], report.IrRecallAtK.Select(v => Math.Round(v, 10)));
        Assert.Equal(0.2, report.MeanAveragePrecision, 10);
        Assert.Equal(1.6, report.MeanRetrieved, 10);
        Assert.Equal(5, report.Queries);
    }

    [Fact]
    public void SeparateGallery_KeepsEveryGalleryItem()
    {
        // Query (2, 0), predicted 0, truth 0: candidates 0, 1, 2 with cosines 1, 0.9939, 0.8 -> relevance T T F;
        // 3 relevant in the gallery (0, 1, 4). AP = (1 + 1) / 3, P@2 = 1, R@2 = 2/3.
        var rankings = ClassificationRetrieval.Retrieve([0], [0], new EmbeddingMatrix(1, 2, [2, 0]), Predicted, Truth, Embeddings);
        Assert.Equal([0, 1, 2], rankings[0].Items);
        Assert.Equal(2 / 3.0, rankings[0].AveragePrecision, 10);
        var report = ClassificationRetrieval.Evaluate(rankings, [2]);
        Assert.Equal(1.0, report.PrecisionAtK[0], 10);
        Assert.Equal(2 / 3.0, report.IrRecallAtK[0], 10);
    }

    [Fact]
    public void BadInput_IsNamed()
    {
        Assert.Contains("4 true labels", Assert.Throws<ArgumentException>(() => ClassificationRetrieval.Retrieve(Predicted, Truth[..4], Embeddings)).Message);
        var zero = new EmbeddingMatrix(2, 2, [1, 0, 0, 0]);
        Assert.Contains("row 1 is all zeros", Assert.Throws<ArgumentException>(() => ClassificationRetrieval.Retrieve([0, 0], [0, 0], zero)).Message);
        Assert.Contains("Query 0 has true class 1", Assert.Throws<ArgumentException>(() => ClassificationRetrieval.Retrieve([0, 0], [1, 0], new EmbeddingMatrix(2, 2, [1, 0, 0, 1]))).Message);
    }
}
