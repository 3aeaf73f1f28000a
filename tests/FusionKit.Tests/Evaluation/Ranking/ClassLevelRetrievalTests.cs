using FusionKit.Evaluation.Ranking;

namespace FusionKit.Tests.Evaluation.Ranking;

public class ClassLevelRetrievalTests
{
    // 3 images (classes 0, 1, 0) and 4 texts naming classes 0, none (boilerplate), 1, 0.
    private static readonly float[][] Scores =
    [
        [0.9f, 0.5f, 0.5f, 0.3f],
        [0.2f, 0.8f, 0.3f, 0.3f],
        [0.4f, 0.4f, 0.7f, 0.4f],
    ];
    private static readonly int[] ImageClasses = [0, 1, 0];
    private static readonly int[] TextClasses = [0, -1, 1, 0];

    [Fact]
    public void Evaluate_ImageToText_MatchesHandRankings()
    {
        // Rankings (RankingMetrics: score descending, irrelevant before relevant among ties, then index):
        // i0 (class 0, relevant t0, t3): t0 R, t1, t2 (tie 0.5, index order), t3 R -> first rank 1, AP (1/1 + 2/4)/2 = 0.75
        // i1 (class 1, relevant t2):     t1, t3 (tie 0.3 with t2: irrelevant first), t2 R, t0 -> first rank 3, AP 1/3
        // i2 (class 0, relevant t0, t3): t2, t1 (tie 0.4 with t0, t3: irrelevant first), t0 R, t3 R -> rank 3, AP (1/3 + 2/4)/2 = 5/12
        // R@1 = 1/3, R@5 = 1, medr = 3, meanr = 7/3, mAP = (9/12 + 4/12 + 5/12)/3 = 0.5.
        var report = ClassLevelRetrieval.Evaluate(Scores, ImageClasses, TextClasses);
        var imageToText = report.Report.ImageToText;
        Assert.Equal(1 / 3.0, imageToText.RecallAt1, 12);
        Assert.Equal(1, imageToText.RecallAt5, 12);
        Assert.Equal(3, imageToText.MedianRank);
        Assert.Equal(7 / 3.0, imageToText.MeanRank, 12);
        Assert.Equal(0.5, imageToText.MeanAveragePrecision, 12);
        Assert.Equal(3, report.ImageQueries);
        Assert.Equal(0, report.ImagesOfUnnamedClass);
    }

    [Fact]
    public void Evaluate_TextToImage_ExcludesBoilerplate_AndMatchesHandRankings()
    {
        // Queries t0, t2, t3 (t1 names no class). Columns of the matrix:
        // t0 (class 0, relevant i0, i2): i0 0.9 R, i2 0.4 R, i1 0.2 -> rank 1, AP 1
        // t2 (class 1, relevant i1):     i2 0.7, i0 0.5, i1 0.3 R   -> rank 3, AP 1/3
        // t3 (class 0, relevant i0, i2): i2 0.4 R, then the 0.3 tie: i1 (irrelevant) before i0 R -> rank 1, AP (1 + 2/3)/2 = 5/6
        // R@1 = 2/3, medr = 1, meanr = 5/3, mAP = (1 + 1/3 + 5/6)/3 = 13/18.
        var report = ClassLevelRetrieval.Evaluate(Scores, ImageClasses, TextClasses);
        var textToImage = report.Report.TextToImage;
        Assert.Equal(3, textToImage.Queries);
        Assert.Equal(2 / 3.0, textToImage.RecallAt1, 12);
        Assert.Equal(1, textToImage.MedianRank);
        Assert.Equal(5 / 3.0, textToImage.MeanRank, 12);
        Assert.Equal(13 / 18.0, textToImage.MeanAveragePrecision, 12);
        Assert.Equal(3, report.TextQueries);
        Assert.Equal(1, report.TextsNamingNoClass);
        Assert.Equal(0, report.TextsNamingAbsentClass);
        Assert.Contains("3 of 4 texts are text->image queries (1 name no class and are excluded)", report.Coverage);
    }

    [Fact]
    public void Evaluate_ClassWithoutImagesOrTexts_IsLeftOutAndCounted()
    {
        // Text 1 names class 2, which no image has; image 1's class 1 is named by no text.
        var report = ClassLevelRetrieval.Evaluate([[0.5f, 0.1f], [0.2f, 0.9f]], [0, 1], [0, 2]);
        Assert.Equal(1, report.TextQueries);
        Assert.Equal(1, report.TextsNamingAbsentClass);
        Assert.Equal(1, report.ImageQueries);
        Assert.Equal(1, report.ImagesOfUnnamedClass);
        Assert.Equal(1, report.Report.TextToImage.RecallAt1);
    }

    [Fact]
    public void Evaluate_BadInput_IsNamed()
    {
        Assert.Contains("textClasses", Assert.Throws<ArgumentException>(() => ClassLevelRetrieval.Evaluate(Scores, ImageClasses, [0, 1])).Message);
        Assert.Contains("imageClasses[1]", Assert.Throws<ArgumentException>(() => ClassLevelRetrieval.Evaluate(Scores, [0, -1, 0], TextClasses)).Message);
        Assert.Contains("no image->text query", Assert.Throws<ArgumentException>(() => ClassLevelRetrieval.Evaluate(Scores, ImageClasses, [-1, -1, -1, -1])).Message);
    }
}
