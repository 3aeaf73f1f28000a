using FusionKit.Evaluation.Ranking;
using FusionKit.Models.CrossModal;
using FusionKit.Tests.Training;
using FusionKit.Training;
using FusionKit.Training.Losses;
using TorchSharp;

namespace FusionKit.Tests.Models.CrossModal;

[Collection(TorchTrainingCollection.Name)]
public class TextGroupsTests
{
    [Fact]
    public void ByExactString_GroupsOnlyIdenticalStrings_NumberedByFirstAppearance()
    {
        // Ordinal equality: case, spacing and punctuation make another text.
        var groups = TextGroups.ByExactString(["new arrival", "black tee", "new arrival", "Black tee", "black tee ", "black tee"]);
        Assert.Equal([0, 1, 0, 2, 3, 1], groups);
    }

    [Fact]
    public void Evaluate_IdenticalTextsMerged_MatchesHandComputedRanking()
    {
        // Four images whose titles are "a", "b", "a", "c": merged into 3 texts, image columns [0, 1, 0, 2].
        // Scores (images x distinct texts), hand-ranked:
        //   image 0 [0.9 0.1 0.5] relevant a: rank 1            image 1 [0.8 0.3 0.2] relevant b: rank 2
        //   image 2 [0.2 0.7 0.6] relevant a: rank 3            image 3 [0.1 0.4 0.6] relevant c: rank 1
        // image->text: R@1 2/4, ranks [1 2 3 1] -> median 1.5, floored as VSE++ (floor(median of 0-based ranks) + 1) = 1,
        //   AP = mean(1, 1/2, 1/3, 1) = 0.708333.
        // text->image (one query per distinct text, relevant = every image carrying it):
        //   a over images [0.9 0.8 0.2 0.1], relevant {0, 2}: ranks 1 and 3 -> AP (1 + 2/3) / 2 = 0.833333
        //   b over [0.1 0.3 0.7 0.4], relevant {1}: rank 3 -> AP 1/3
        //   c over [0.5 0.2 0.6 0.6], relevant {3}, tied with image 2 (pessimistic ties): rank 2 -> AP 1/2
        //   R@1 1/3, median rank 2, mAP (0.833333 + 0.333333 + 0.5) / 3 = 0.555556.
        float[][] scores = [[0.9f, 0.1f, 0.5f], [0.8f, 0.3f, 0.2f], [0.2f, 0.7f, 0.6f], [0.1f, 0.4f, 0.6f]];
        var columns = TextGroups.ByExactString(["a", "b", "a", "c"]);
        var report = JointRetrieval.Evaluate(scores, columns);
        Assert.Equal(4, report.ImageToText.Queries);
        Assert.Equal(0.5, report.ImageToText.RecallAt1, 6);
        Assert.Equal(1, report.ImageToText.MedianRank, 6);
        Assert.Equal(0.708333, report.ImageToText.MeanAveragePrecision, 6);
        Assert.Equal(3, report.TextToImage.Queries);
        Assert.Equal(1 / 3.0, report.TextToImage.RecallAt1, 6);
        Assert.Equal(2, report.TextToImage.MedianRank, 6);
        Assert.Equal(0.555556, report.TextToImage.MeanAveragePrecision, 6);
    }

    [Fact]
    public void ContrastiveBatchLoss_IdenticalTexts_AreNotEachOthersNegatives()
    {
        // Rows 0 and 2 share a text group: the loss must score the batch against 2 distinct texts with image 2's
        // target the shared column, i.e. ContrastiveLoss.Symmetric over (3 images, 2 texts) with targets [0 1 0],
        // not CLIP's 3x3 loss in which text 2 would be a negative of image 0.
        TorchRuntimeReady();
        using var model = TorchTestSupport.Reinitialize(new JointEmbeddingModel(3, 2, 2), 5);
        using var scope = torch.NewDisposeScope();
        var image = torch.tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, 3, 3);   // (3, 3)
        var text = torch.tensor(new float[] { 1, 0, 0, 1, 1, 0 }, 3, 2);             // (3, 2), row 2 = row 0
        var outcome = ContrastiveBatchLoss.Instance.Compute(model, new FeatureBatch(image, text, null, [0, 1, 0]));
        var expected = ContrastiveLoss.Symmetric(model.call(image, text.narrow(0, 0, 2)), torch.tensor(new long[] { 0, 1, 0 }));
        Assert.Equal(expected.item<float>(), outcome.Loss.item<float>(), 6);
        var clip = ContrastiveLoss.Symmetric(model.call(image, text), torch.tensor(new long[] { 0, 1, 2 }));
        Assert.NotEqual(clip.item<float>(), outcome.Loss.item<float>(), 3);
    }

    private static void TorchRuntimeReady() => FusionKit.Platform.TorchRuntime.EnsureReady();
}
