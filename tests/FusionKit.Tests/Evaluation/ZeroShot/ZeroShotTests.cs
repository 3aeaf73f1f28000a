using FusionKit.Evaluation.ZeroShot;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;
using FusionKit.Training.Losses;
using TorchSharp;
using Xunit.Abstractions;

namespace FusionKit.Tests.Evaluation.ZeroShot;

public class ZeroShotEvaluationTests
{
    [Fact]
    public void Evaluate_PerClassAccuracies_AndHarmonicMean_MatchHandValues()
    {
        // 4 classes, unseen {2, 3}. Argmax over all labels / over unseen labels per row:
        // i0 truth 0 -> 0 (right); i1 truth 0 -> 2 (wrong); i2 truth 1 -> 1 (right);
        // i3 truth 2 -> all: 0 (wrong), unseen: 2 (right); i4 truth 3 -> 3, 3 (right, right); i5 truth 3 -> all: 1, unseen: 2 (wrong, wrong).
        // Per-class means (Xian et al. 2017): S = (1/2 + 1) / 2 = 0.75, U = (0 + 1/2) / 2 = 0.25,
        // conventional = (1 + 1/2) / 2 = 0.75, H = 2 * 0.75 * 0.25 / (0.75 + 0.25) = 0.375.
        float[][] scores =
        [
            [0.9f, 0.1f, 0.5f, 0.0f],
            [0.2f, 0.1f, 0.6f, 0.0f],
            [0.1f, 0.8f, 0.0f, 0.3f],
            [0.9f, 0.0f, 0.5f, 0.4f],
            [0.0f, 0.0f, 0.2f, 0.7f],
            [0.0f, 0.9f, 0.6f, 0.1f],
        ];
        var report = ZeroShotEvaluation.Evaluate(scores, [0, 0, 1, 2, 3, 3], new ClassSplit(4, [2, 3]));
        Assert.Equal(0.75, report.UnseenAmongUnseen, 10);
        Assert.Equal(0.75, report.Seen, 10);
        Assert.Equal(0.25, report.Unseen, 10);
        Assert.Equal(0.375, report.Harmonic, 10);
    }

    [Fact]
    public void HarmonicMean_MatchesXianDefinition()
    {
        Assert.Equal(2 * 0.8 * 0.4 / 1.2, ZeroShotEvaluation.HarmonicMean(0.8, 0.4), 12); // 0.5333
        Assert.Equal(0, ZeroShotEvaluation.HarmonicMean(0.9, 0));
        Assert.Equal(0, ZeroShotEvaluation.HarmonicMean(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroShotEvaluation.HarmonicMean(1.5, 0.2));
    }

    [Fact]
    public void Evaluate_ClassWithoutTestImages_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ZeroShotEvaluation.Evaluate([[1f, 0f, 0f], [0f, 0f, 1f]], [0, 2], new ClassSplit(3, [2])));
        Assert.Contains("Class 1 has no test image", error.Message);
    }

    [Fact]
    public void ClassSplit_FashionMnistAndRandom()
    {
        Assert.Equal([5, 6, 8], ClassSplit.FashionMnist.Unseen);
        Assert.Equal([0, 1, 2, 3, 4, 7, 9], ClassSplit.FashionMnist.Seen);
        var a = ClassSplit.Random(10, 3, seed: 1);
        Assert.Equal(a.Unseen, ClassSplit.Random(10, 3, seed: 1).Unseen);
        Assert.Equal(3, a.Unseen.Count);
        Assert.Equal(10, a.Seen.Concat(a.Unseen).Distinct().Count());
        Assert.Contains(Enumerable.Range(2, 20), s => !ClassSplit.Random(10, 3, s).Unseen.SequenceEqual(a.Unseen));
        Assert.Contains("Unseen class 10", Assert.Throws<ArgumentException>(() => new ClassSplit(10, [10])).Message);
        Assert.Throws<ArgumentException>(() => new ClassSplit(3, [0, 1, 2]));
        Assert.Equal([-1, 0, 1, -1], new ClassSplit(4, [0, 3]).SeenIndex());
    }
}

[Collection(TorchTrainingCollection.Name)]
public class ZeroShotTrainingTests(ITestOutputHelper output)
{
    private readonly bool _ready = TorchRuntime.EnsureReady() is not null;

    [Fact]
    public void HingeRankLoss_MatchesHandComputedValue()
    {
        // DeViSE (Frome et al. 2013): Σ_{j≠y} max(0, 0.1 − s_y + s_j).
        // Row 0, y = 0: j=1: 0.1 − 0.5 + 0.45 = 0.05; j=2: 0.1 − 0.5 + 0.2 < 0 -> 0. Sum 0.05.
        // Row 1, y = 1: j=0: 0.1 − 0.3 + 0.1 < 0 -> 0; j=2: 0.1 − 0.3 + 0.35 = 0.15. Sum 0.15. Mean 0.1.
        using var scores = torch.tensor(new float[] { 0.5f, 0.45f, 0.2f, 0.1f, 0.3f, 0.35f }, 2, 3);
        using var targets = torch.tensor(new long[] { 0, 1 });
        using var loss = HingeRankLoss.Compute(scores, targets);
        Assert.Equal(0.1, loss.item<float>(), 6);
        using var wide = HingeRankLoss.Compute(scores, targets, margin: 0.5); // row 0: 0.45 + 0.2; row 1: 0.3 + 0.55 -> mean 0.75
        Assert.Equal(0.75, wide.item<float>(), 6);
    }

    /// <summary>
    /// 8 classes whose label embeddings are random 4-d vectors; an image of class c is a fixed random linear map
    /// (12 x 4) of label c's embedding plus noise, so the label embeddings carry the class structure, and the 5 seen
    /// labels span the label space, so a map learned on the seen classes transfers to the unseen ones.
    /// </summary>
    private static (float[][] Labels, FeatureSet Train, FeatureSet Test, int[] TestTruth) Synthetic()
    {
        const int classes = 8, textDim = 4, imageDim = 12;
        var random = new Random(21);
        var labels = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, textDim).Select(_ => (float)TorchTestSupport.Gaussian(random)).ToArray()).ToArray();
        var map = Enumerable.Range(0, imageDim).Select(_ => Enumerable.Range(0, textDim).Select(_ => TorchTestSupport.Gaussian(random)).ToArray()).ToArray();
        (FeatureSet, int[]) Samples(int n)
        {
            var truth = Enumerable.Range(0, n).Select(i => i % classes).ToArray();
            var image = truth.Select(c => map.Select(row => (float)(row.Zip(labels[c], (m, t) => m * t).Sum() + 0.5 * TorchTestSupport.Gaussian(random))).ToArray()).ToArray();
            return (FeatureSet.FromArrays(image, labels: truth), truth);
        }
        var (train, _) = Samples(480);
        var (test, testTruth) = Samples(240);
        return (labels, train, test, testTruth);
    }

    private static readonly ClassSplit Split = new(8, [1, 4, 6]);

    [Fact]
    public void Devise_TrainedOnSeenClasses_RecognisesUnseenOnes()
    {
        var (labels, train, test, truth) = Synthetic();
        using (train)
        using (test)
        {
            using var model = FusionKit.Tests.Training.TorchTestSupport.Reinitialize(new DeviseModel(12, 4), 8);
            var log = new StringWriter();
            var history = ZeroShotTraining.TrainDevise(model, train, labels, Split, new TrainingConfig { Epochs = 12, BatchSize = 32, LearningRate = 0.01 }, log,
                                                       validation: test);
            // Validated through the kit's trainer: the test rows of seen classes, scored against the 5 seen labels (chance 0.2).
            Assert.True(history.Last.ValidationAccuracy > 0.7, $"validation accuracy {history.Last.ValidationAccuracy}");
            Assert.Null(history.BestEpoch);   // the map keeps its last epoch's weights: no best epoch is reported
            Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss, $"loss {history.Epochs[0].TrainLoss} -> {history.Last.TrainLoss}");
            Assert.Contains("epoch 12/12", log.ToString());

            var report = ZeroShotEvaluation.Evaluate(ZeroShotTraining.Scores(model, test.Image, labels), truth, Split);
            output.WriteLine($"DeViSE: {report}");
            Assert.True(_ready);
            Assert.True(report.UnseenAmongUnseen > 0.7, report.ToString()); // chance 1/3
            Assert.True(report.Seen > 0.7, report.ToString());             // chance 1/8
            Assert.Equal(ZeroShotEvaluation.HarmonicMean(report.Seen, report.Unseen), report.Harmonic, 12);
        }
    }

    [Fact]
    public void Compatibility_TrainedOnSeenClasses_ScoresUnseenLabelsAboveChance()
    {
        var (labels, train, test, truth) = Synthetic();
        using (train)
        using (test)
        {
            var (model, history) = ZeroShotTraining.TrainCompatibility(train, labels, Split, [32], new TrainingConfig { Epochs = 10, BatchSize = 48, LearningRate = 0.01, Seed = 2 });
            using (model)
            {
                Assert.Equal(5, model.ClassCount); // built over the 5 seen labels only
                Assert.Equal(10, history.Epochs.Count);
                var report = ZeroShotEvaluation.Evaluate(ZeroShotTraining.Scores(model, test.Image, labels), truth, Split);
                output.WriteLine($"compatibility: {report}");
                Assert.True(report.UnseenAmongUnseen > 0.5, report.ToString()); // chance 1/3
                Assert.True(report.Seen > 0.7, report.ToString());
            }
        }
    }

    [Fact]
    public void SeenRows_DropsUnseenClasses_AndRenumbersLabels()
    {
        using var set = FeatureSet.FromArrays([[1f], [2f], [3f], [4f]], labels: [0, 1, 2, 3]);
        using var seen = ZeroShotTraining.SeenRows(set, new ClassSplit(4, [1]));
        Assert.Equal([0, 1, 2], seen.LabelArray);
        Assert.Equal([1f, 3f, 4f], TorchTestSupport.Values(seen.Image));
    }
}
