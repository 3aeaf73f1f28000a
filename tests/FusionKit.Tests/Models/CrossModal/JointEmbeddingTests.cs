using FusionKit.Evaluation.Ranking;
using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;
using FusionKit.Training.Losses;
using TorchSharp;
using Xunit.Abstractions;

namespace FusionKit.Tests.Models.CrossModal;

[Collection(TorchTrainingCollection.Name)]
public class JointEmbeddingTests(ITestOutputHelper output)
{
    private readonly bool _ready = TorchRuntime.EnsureReady() is not null;

    [Fact]
    public void SymmetricLoss_TwoByTwo_MatchesHandComputedClipLoss()
    {
        // CLIP (Radford et al. 2021, Fig. 3 pseudo-code): (CE(logits, [0 1]) + CE(logitsᵀ, [0 1])) / 2.
        // logits [[2 0] [1 3]]: image->text rows: log(1 + e^-2) and log(1 + e^-2);
        // text->image rows (columns of logits) [2 1] and [0 3]: log(1 + e^-1) and log(1 + e^-3).
        // = (0.126928 + (0.313262 + 0.048587) / 2) / 2 = 0.153926.
        using var logits = torch.tensor(new float[] { 2, 0, 1, 3 }, 2, 2);
        using var targets = torch.tensor(new long[] { 0, 1 });
        using var loss = ContrastiveLoss.Symmetric(logits, targets);
        var expected = (Math.Log(1 + Math.Exp(-2)) + (Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-3))) / 2) / 2;
        Assert.Equal(0.153926, expected, 6);
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void SymmetricLoss_SharedText_HasEveryImageOfItAsPositive()
    {
        // Three images, two distinct texts; images 1 and 2 share text 1. logits [[2 0] [1 3] [0 1]].
        // image->text: log(1 + e^-2), log(1 + e^-2), log(1 + e^-1), mean over 3.
        // text 0 over images [2 1 0], positive image 0: -(2 - lse(2, 1, 0)).
        // text 1 over images [0 3 1], positives 1 and 2 with weight 1/2: -((3 + 1) / 2 - lse(0, 3, 1)).
        using var logits = torch.tensor(new float[] { 2, 0, 1, 3, 0, 1 }, 3, 2);
        using var targets = torch.tensor(new long[] { 0, 1, 1 });
        using var loss = ContrastiveLoss.Symmetric(logits, targets);
        static double Lse(params double[] x) => Math.Log(x.Sum(Math.Exp));
        var imageToText = (2 * Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1))) / 3;
        var textToImage = (-(2 - Lse(2, 1, 0)) - (2 - Lse(0, 3, 1))) / 2;
        Assert.Equal((imageToText + textToImage) / 2, loss.item<float>(), 5);
    }

    [Fact]
    public void Model_StartsAtClipTemperature_AndClampsTheScaleAt100()
    {
        using var model = new JointEmbeddingModel(4, 3, 2);
        Assert.Equal(1 / 0.07, model.LogitScale, 4);
        using (torch.no_grad())
            model.named_parameters().Single(p => p.name == "logit_scale").parameter.fill_(10f);
        model.ClampLogitScale();
        Assert.Equal(100, model.LogitScale, 3);
        using var image = torch.randn(5, 4);
        using var embedding = model.EncodeImages(image);
        using var norms = embedding.norm(1);
        Assert.All(TorchTestSupport.Values(norms), n => Assert.Equal(1, n, 5));
    }

    /// <summary>
    /// Each pair shares an 6-d latent z: image = A z + noise (16-d), text = B z + noise (12-d), A and B fixed random
    /// maps, so the model must learn both projections to match pairs. Every pair has its own text.
    /// </summary>
    private static FeatureSet Pairs(int n, int seed, double noise = 0.1)
    {
        var maps = new Random(7);
        var a = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 6).Select(_ => TorchTestSupport.Gaussian(maps)).ToArray()).ToArray();
        var b = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 6).Select(_ => TorchTestSupport.Gaussian(maps)).ToArray()).ToArray();
        var random = new Random(seed);
        var image = new float[n][];
        var text = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var z = Enumerable.Range(0, 6).Select(_ => TorchTestSupport.Gaussian(random)).ToArray();
            image[i] = a.Select(row => (float)(row.Zip(z, (m, v) => m * v).Sum() + noise * TorchTestSupport.Gaussian(random))).ToArray();
            text[i] = b.Select(row => (float)(row.Zip(z, (m, v) => m * v).Sum() + noise * TorchTestSupport.Gaussian(random))).ToArray();
        }
        return FeatureSet.FromArrays(image, text);
    }

    [Fact]
    public void JointModel_LearnsToMatchPairs_R1FarAboveChance()
    {
        using var train = Pairs(400, 1);
        using var test = Pairs(100, 2);
        using var model = FusionKit.Tests.Training.TorchTestSupport.Reinitialize(new JointEmbeddingModel(16, 12, 8), 3);
        var log = new StringWriter();
        var history = new Trainer(new TrainingConfig { Epochs = 20, BatchSize = 50, LearningRate = 0.01, Seed = 5 }) { Log = log }.Fit(model, ContrastiveBatchLoss.Instance, train);
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss, $"loss {history.Epochs[0].TrainLoss} -> {history.Last.TrainLoss}");
        Assert.Contains("epoch 20/20", log.ToString());
        Assert.Contains("logit scale", log.ToString());

        // Chance R@1 with 100 candidates is 0.01.
        var report = JointRetrieval.Evaluate(model, test);
        output.WriteLine(report.ToString());
        Assert.True(_ready);
        Assert.True(report.ImageToText.RecallAt1 > 0.5, report.ToString());
        Assert.True(report.TextToImage.RecallAt1 > 0.5, report.ToString());
        Assert.Equal(100, report.ImageToText.Queries);
        Assert.Equal(100 * (report.ImageToText.RecallAt1 + report.ImageToText.RecallAt5 + report.ImageToText.RecallAt10
                            + report.TextToImage.RecallAt1 + report.TextToImage.RecallAt5 + report.TextToImage.RecallAt10), report.Rsum, 8);
    }

    [Fact]
    public void JointModel_LabelLevelText_GroupsTextsByLabel()
    {
        // Clusters: 5 classes; the text rows of one class differ (noise) but the label makes them one group, so
        // retrieval has 5 distinct texts (the first row of each class) and 100 images.
        using var train = TorchTestSupport.Clusters(200, 5, imageDim: 10, textDim: 10, seed: 11);
        using var test = TorchTestSupport.Clusters(100, 5, imageDim: 10, textDim: 10, seed: 12);
        using var model = FusionKit.Tests.Training.TorchTestSupport.Reinitialize(new JointEmbeddingModel(10, 10, 6), 4);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        new Trainer(new TrainingConfig { Epochs = 8, BatchSize = 25, LearningRate = 0.01 }).Fit(model, ContrastiveBatchLoss.Instance, train);
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount); // every batch's tensors were disposed
        var (scores, column) = JointRetrieval.Scores(model, test);
        Assert.Equal(5, scores[0].Length);
        Assert.Equal([0, 1, 2, 3, 4, 0], column[..6]);
        var report = JointRetrieval.Evaluate(model, test);
        output.WriteLine(report.ToString());
        Assert.Equal(5, report.TextToImage.Queries);
        Assert.True(report.ImageToText.RecallAt1 > 0.8, report.ToString());      // chance 0.2
        Assert.True(report.TextToImage.MeanAveragePrecision > 0.8, report.ToString()); // chance ≈ 0.2
    }

    [Fact]
    public void JointTraining_ResumedAfterCancellation_EndsWithTheWeightsAndHistoryOfAnUninterruptedRun()
    {
        // Label-level groups (5 classes) so the contrastive loss deduplicates texts per batch, validation on, and
        // the temperature clamped after each step: every part of the joint objective goes through the checkpoint.
        using var train = TorchTestSupport.Clusters(150, 5, imageDim: 10, textDim: 8, seed: 21);
        using var validation = TorchTestSupport.Clusters(50, 5, imageDim: 10, textDim: 8, seed: 22);
        var config = new TrainingConfig { Epochs = 4, BatchSize = 20, LearningRate = 0.02, Seed = 3,
                                     Monitor = MonitoredMetric.ValidationLoss, RestoreBestWeights = true };
        JointEmbeddingModel Model(int seed) => TorchTestSupport.Reinitialize(new JointEmbeddingModel(10, 8, 6), seed);

        using var uninterrupted = Model(1);
        var expected = new Trainer(config).Fit(uninterrupted, ContrastiveBatchLoss.Instance, train, validation);
        Assert.All(expected.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.NotNull(expected.BestEpoch);

        var folder = TorchTestSupport.TempFolder();
        using var cts = new CancellationTokenSource();
        var log = new StringWriter();
        using (var interrupted = Model(1))
        {
            var trainer = new Trainer(config with { CheckpointDirectory = folder })
            {
                Log = log,
                Progress = new SyncProgress<EpochRecord>(r => { if (r.Epoch == 1) cts.Cancel(); }),  // as Ctrl+C after epoch 1
            };
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(interrupted, ContrastiveBatchLoss.Instance, train, validation, cts.Token));
        }
        Assert.Contains("logit scale", log.ToString());

        using var resumedModel = Model(77); // other initial weights: the checkpoint must replace them
        var resumed = new Trainer(config with { CheckpointDirectory = folder }).Fit(resumedModel, ContrastiveBatchLoss.Instance, train, validation);
        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Assert.Equal(TorchTestSupport.Metrics(expected), TorchTestSupport.Metrics(resumed));
        Assert.Equal(expected.BestEpoch, resumed.BestEpoch);
        Assert.Equal(uninterrupted.LogitScale, resumedModel.LogitScale);
        foreach (var (name, p) in uninterrupted.named_parameters())
            Assert.Equal(TorchTestSupport.Values(p), TorchTestSupport.Values(resumedModel.get_parameter(name)!));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void JointTraining_PairsWithoutText_AreRefusedNamingTheSet()
    {
        using var noText = TorchTestSupport.Clusters(20, 2, imageDim: 4, textDim: 3, seed: 1, withText: false);
        using var model = new JointEmbeddingModel(4, 3, 2);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(new TrainingConfig { Epochs = 1 }).Fit(model, ContrastiveBatchLoss.Instance, noText));
        Assert.Contains("train pairs have no text", e.Message);
    }
}
