using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Experiments.Generation;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Generation;

/// <summary>
/// The judge on band images (<see cref="BandImages"/>): four classes that the row-mean features separate perfectly,
/// so a faithful generator must score like real images, a collapsed one must lose recall and conditional accuracy,
/// and noise must sit far away. Expected values are derived in the comments from the data's construction.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public sealed class GenerationJudgeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private GenerationJudgeOptions Options() => new()
    {
        PerClass = 10,
        HiddenSizes = [16],
        ClassifierEpochs = 20,
        ScoreClassifierEpochs = 40,
        BatchSize = 8,
        Threads = 1,
        CacheDirectory = _folder.File("judges"),
        Cache = new EmbeddingCache(_folder.File("embeddings")) { Progress = TextWriter.Null },
    };

    private GenerationJudge Judge(int seed = 0) => GenerationJudge.Create(BandImages.Data(), new RowMeanEncoder(), seed, Options());

    [Fact]
    public void References_PlaceRealImagesAtTheFloorAndNoiseAtTheCeiling()
    {
        using var judge = Judge();
        var (real, shuffled, noise) = (judge.Reference.Real, judge.Reference.ClassShuffled, judge.Reference.Noise);

        Assert.Equal(40, judge.SampleSize); // 10 per class x 4 classes, on every side of every comparison
        Assert.Equal(1.0, judge.ClassifierTestAccuracy, 6); // the bands are linearly separable
        Assert.True(real.ConditionalAccuracy >= 0.95 && real.ClassificationAccuracyScore >= 0.95, real.ToString());
        // Shuffled labels: about one in four keeps its class (chance for four classes), far below real.
        Assert.True(shuffled.ConditionalAccuracy < 0.6 && shuffled.ClassificationAccuracyScore < 0.6, shuffled.ToString());
        // Distance and precision/recall ignore labels: the same images give exactly the same figures.
        Assert.Equal(real.FrechetDistance, shuffled.FrechetDistance);
        Assert.Equal(real.PrecisionRecall, shuffled.PrecisionRecall);
        // Noise rows average ~0.5 everywhere against ~0.12 and one band at ~0.9: far from every real image.
        Assert.True(noise.FrechetDistance > 20 * real.FrechetDistance, $"noise {noise.FrechetDistance} vs real {real.FrechetDistance}");
        Assert.Equal(0.0, noise.PrecisionRecall.Precision);
        Assert.Equal(0.0, noise.PrecisionRecall.Recall);
        Assert.True(real.PrecisionRecall.Precision > 0.7 && real.PrecisionRecall.Recall > 0.7, real.ToString()); // 40 points in 28-d: k-NN spheres leave gaps
    }

    [Fact]
    public void Score_FaithfulGeneratorScoresLikeRealImages()
    {
        using var judge = Judge();

        var scores = judge.Score(BandImages.Draw(judge.IntendedLabels, seed: 99), judge.IntendedLabels);

        var real = judge.Reference.Real;
        Assert.Equal(GenerationJudge.GeneratedName, scores.Source);
        Assert.Equal(1.0, scores.ConditionalAccuracy, 6);
        Assert.All(scores.ConditionalAccuracyPerClass, a => Assert.Equal(1.0, a, 6));
        Assert.True(scores.ClassificationAccuracyScore >= 0.95, scores.ToString());
        Assert.True(scores.FrechetDistance < 3 * real.FrechetDistance + 0.01, $"{scores.FrechetDistance} vs floor {real.FrechetDistance}");
        Assert.True(scores.PrecisionRecall.Precision > 0.7 && scores.PrecisionRecall.Recall > 0.7, scores.ToString());
    }

    [Fact]
    public void Score_ModeCollapseLosesRecallAndConditionalAccuracy()
    {
        using var judge = Judge();
        // Every image drawn from class 0 whatever was asked: the classifier says 0 for all, so only the 10
        // images intended as class 0 count as right -> conditional accuracy 10/40 = 0.25, per class [1, 0, 0, 0].
        // A classifier trained on them sees one visual class under four labels and cannot beat chance on the
        // real test set. Real images of classes 1-3 lie outside the generated manifold -> recall ≤ 1/4.
        var collapsed = BandImages.Draw(new int[judge.SampleSize], seed: 98);

        var scores = judge.Score(collapsed, judge.IntendedLabels, source: "collapsed");

        Assert.Equal("collapsed", scores.Source);
        Assert.Equal(0.25, scores.ConditionalAccuracy, 6);
        Assert.Equal([1.0, 0, 0, 0], scores.ConditionalAccuracyPerClass.Select(a => Math.Round(a, 6)));
        Assert.True(scores.PrecisionRecall.Recall <= 0.25, scores.ToString());
        Assert.True(scores.PrecisionRecall.Precision > 0.8, scores.ToString());
        Assert.True(scores.ClassificationAccuracyScore <= 0.5, scores.ToString());
        Assert.True(scores.FrechetDistance > 5 * judge.Reference.Real.FrechetDistance, scores.ToString());
    }

    [Fact]
    public void Create_CachesTheClassifierAndReproducesTheReference()
    {
        using var first = Judge(seed: 3);
        using var second = Judge(seed: 3);

        Assert.False(first.ClassifierFromCache);
        Assert.True(second.ClassifierFromCache);
        Assert.Equal(first.ClassifierPath, second.ClassifierPath);
        Assert.True(File.Exists(first.ClassifierPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(first.ClassifierPath)!, "*.tmp")); // written atomically, nothing left over
        Assert.Equal(first.Reference.Real.FrechetDistance, second.Reference.Real.FrechetDistance);
        Assert.Equal(first.Reference.Noise.ConditionalAccuracy, second.Reference.Noise.ConditionalAccuracy);
        Assert.Equal(first.Reference.Real.ClassificationAccuracyScore, second.Reference.Real.ClassificationAccuracyScore);
    }

    [Fact]
    public void Score_RejectsInputThatBreaksTheEqualSampleSizesWithAReasonAndWhatToDo()
    {
        using var judge = Judge();
        var labels = judge.IntendedLabels;

        var tooFew = Assert.Throws<ArgumentException>(() => judge.Score(BandImages.Draw(labels.Take(39).ToArray(), 1), labels.Take(39).ToArray()));
        Assert.Contains("compares 40 images (10 per class)", tooFew.Message);
        Assert.Contains("IntendedLabels", tooFew.Message);

        var unbalanced = labels.Select(l => l == 1 ? 0 : l).ToArray();
        Assert.Contains("Class 0 (band-0) is intended 20 times", Assert.Throws<ArgumentException>(() => judge.Score(BandImages.Draw(unbalanced, 1), unbalanced)).Message);

        var wrongSize = BandImages.Draw(labels, 1).Select((image, i) => i == 7 ? new RawImage(32, 32, 1, new byte[32 * 32]) : image).ToArray();
        Assert.Contains("Generated image 7 is 32x32x1; the real images are 28x28x1", Assert.Throws<ArgumentException>(() => judge.Score(wrongSize, labels)).Message);

        var outOfRange = labels.Select((l, i) => i == 0 ? 9 : l).ToArray();
        Assert.Contains("Intended label 0 is 9", Assert.Throws<ArgumentException>(() => judge.Score(BandImages.Draw(labels, 1), outOfRange)).Message);
    }

    [Fact]
    public void Create_RejectsAnEncoderOtherThanTheOneThatEmbeddedTheRealImages()
    {
        var data = BandImages.Data() with { ImageEncoder = "resnet18-onnx" };

        var error = Assert.Throws<ArgumentException>(() => GenerationJudge.Create(data, new RowMeanEncoder(), 0, Options()));

        Assert.Contains("must share one feature space", error.Message);
    }
}
