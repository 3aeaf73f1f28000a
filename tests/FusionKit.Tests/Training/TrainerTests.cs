using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Tests.Training;

[Collection(TorchTrainingCollection.Name)]
public class TrainerTests
{
    public TrainerTests() => TorchRuntime.EnsureReady();

    private static FusionClassifier ToyModel(int seed = 1) =>
        TorchTestSupport.Reinitialize(FusionClassifier.Concat(4, 3, 3, [16]), seed);

    private static readonly TrainingConfig Small = new() { Epochs = 4, BatchSize = 16, LearningRate = 0.01 };

    [Fact]
    public void Fit_LearnsSeparableToyProblem()
    {
        using var train = TorchTestSupport.Clusters(300, 3, 4, 3, seed: 1);
        using var validation = TorchTestSupport.Clusters(150, 3, 4, 3, seed: 2);
        using var model = ToyModel();
        var history = new Trainer(Small).Fit(model, train, validation);
        Assert.Equal(4, history.Epochs.Count);
        Assert.True(history.Last.ValidationAccuracy > 0.95, $"validation accuracy {history.Last.ValidationAccuracy}");
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss);
        var predicted = model.Predict(validation);
        var accuracy = predicted.Zip(validation.LabelArray!).Count(p => p.First == p.Second) / 150.0;
        Assert.Equal(history.Last.ValidationAccuracy!.Value, accuracy, 10); // Predict agrees with the trainer's own evaluation
    }

    [Fact]
    public void Fit_GroupedSet_EachBatchHoldsWholeGroups()
    {
        // 40 groups of 4 rows, the group as the label so the loss can see which rows a batch holds; batches of 8.
        var groups = Enumerable.Range(0, 160).Select(i => (i * 7) % 40).ToArray();
        using var train = FeatureSet.FromMatrices(Enumerable.Range(0, 160 * 4).Select(i => (float)(i % 13)).ToArray(), 4,
                                                  Enumerable.Range(0, 160 * 3).Select(i => (float)(i % 5)).ToArray(), 3, labels: groups, groups: groups);
        using var model = TorchTestSupport.Reinitialize(FusionClassifier.Concat(4, 3, 40, [4]), 1);
        var recorder = new BatchRecorder();
        new Trainer(Small with { Epochs = 2, BatchSize = 8 }).Fit<FusionClassifier>(model, recorder, train);
        Assert.Equal(40, recorder.Batches.Count); // 160 rows / 8, twice
        foreach (var batch in recorder.Batches)
            Assert.Equal(2, batch.Distinct().Count()); // two whole groups of 4, never parts of three
        Assert.NotEqual(recorder.Batches[0], recorder.Batches[20]); // each epoch shuffles the groups anew
    }

    /// <summary>Cross-entropy that records each training batch's labels.</summary>
    private sealed class BatchRecorder : IBatchLoss<IFeatureClassifier>
    {
        public List<int[]> Batches { get; } = [];
        public string Describe(IFeatureClassifier model) => CrossEntropyBatchLoss.Instance.Describe(model);
        public void CheckData(IFeatureClassifier model, FeatureSet data, string name) => CrossEntropyBatchLoss.Instance.CheckData(model, data, name);
        public BatchOutcome Compute(IFeatureClassifier model, FeatureBatch batch)
        {
            Batches.Add(batch.RowLabels!.ToArray());
            return CrossEntropyBatchLoss.Instance.Compute(model, batch);
        }
        public void AfterStep(IFeatureClassifier model) { }
        public string? EpochNote(IFeatureClassifier model) => null;
    }

    [Fact]
    public void Fit_SameSeedGivesIdenticalHistory_DifferentSeedDiffers()
    {
        using var train = TorchTestSupport.Clusters(120, 3, 4, 3, seed: 3);
        using var validation = TorchTestSupport.Clusters(60, 3, 4, 3, seed: 4);
        TrainingHistory Run(long seed)
        {
            using var model = ToyModel();
            return new Trainer(Small with { Seed = seed, Epochs = 3 }).Fit(model, train, validation);
        }
        var first = TorchTestSupport.Metrics(Run(7));
        var again = TorchTestSupport.Metrics(Run(7));
        var other = TorchTestSupport.Metrics(Run(8));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Fit_ResumedAfterCancellation_EndsLikeAnUninterruptedRun()
    {
        using var train = TorchTestSupport.Clusters(200, 3, 4, 3, seed: 5, randomLabels: true); // keeps changing for all epochs
        using var validation = TorchTestSupport.Clusters(60, 3, 4, 3, seed: 6);
        var config = Small with { Epochs = 5, Seed = 11 };
        using var probe = TorchTestSupport.Clusters(10, 3, 4, 3, seed: 9);

        using var uninterrupted = ToyModel();
        var expected = new Trainer(config).Fit(uninterrupted, train, validation);

        var folder = TorchTestSupport.TempFolder();
        using var cts = new CancellationTokenSource();
        using (var interrupted = ToyModel())
        {
            // Cancel as epoch 2 ends: the run stops inside epoch 3, after its first batch.
            var trainer = new Trainer(config with { CheckpointDirectory = folder })
            {
                Progress = new SyncProgress<EpochRecord>(r => { if (r.Epoch == 2) cts.Cancel(); }),
            };
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(interrupted, train, validation, cts.Token));
        }
        Assert.Equal([Trainer.CheckpointFileName], Directory.GetFiles(folder).Select(Path.GetFileName)); // no temporary files

        using var resumedModel = ToyModel(seed: 99); // different initial weights: the checkpoint must overwrite them
        var resumed = new Trainer(config with { CheckpointDirectory = folder }).Fit(resumedModel, train, validation);
        Assert.Equal(2, resumed.ResumedAfterEpoch);
        Assert.Equal(TorchTestSupport.Metrics(expected), TorchTestSupport.Metrics(resumed));
        Assert.Equal(uninterrupted.PredictProba(probe), resumedModel.PredictProba(probe));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Fit_CheckpointFromAnotherRun_IsRefusedNamingTheFile()
    {
        using var train = TorchTestSupport.Clusters(40, 3, 4, 3, seed: 5);
        var folder = TorchTestSupport.TempFolder();
        using (var model = ToyModel())
            new Trainer(Small with { Epochs = 1, CheckpointDirectory = folder }).Fit(model, train);
        using var again = ToyModel();
        var e = Assert.Throws<InvalidDataException>(() =>
            new Trainer(Small with { Epochs = 2, CheckpointDirectory = folder, LearningRate = 0.5 }).Fit(again, train));
        Assert.Contains(Trainer.CheckpointFileName, e.Message);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Fit_EarlyStopping_StopsAndRestoresBestWeights()
    {
        // Random training labels: validation accuracy stops improving within a few epochs.
        using var train = TorchTestSupport.Clusters(90, 3, 4, 3, seed: 12, randomLabels: true);
        using var validation = TorchTestSupport.Clusters(60, 3, 4, 3, seed: 13);
        using var model = ToyModel();
        var trainer = new Trainer(Small with { Epochs = 40, LearningRate = 0.05, EarlyStoppingPatience = 2 });
        var history = trainer.Fit(model, train, validation);

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + 2, history.Epochs.Count); // stopped exactly `patience` epochs after the best
        var best = history.Epochs.Max(e => e.ValidationAccuracy!.Value);
        Assert.Equal(best, history.Best.ValidationAccuracy);
        Assert.All(history.Epochs.Skip(history.BestEpoch!.Value), e => Assert.True(e.ValidationAccuracy <= best));
        var (loss, accuracy) = trainer.Evaluate(model, validation);
        Assert.Equal(history.Best.ValidationAccuracy!.Value, accuracy, 10);   // the model holds the best epoch's weights
        Assert.Equal(history.Best.ValidationLoss!.Value, loss, 6);
    }

    [Fact]
    public void Fit_LeaksNoTensorsAcrossEpochs()
    {
        using var train = TorchTestSupport.Clusters(100, 3, 4, 3, seed: 14);
        using var validation = TorchTestSupport.Clusters(30, 3, 4, 3, seed: 15);
        using var model = TorchTestSupport.Reinitialize(FusionClassifier.Concat(4, 3, 3, [8], dropout: 0.1, projectionDim: 4), 3);
        var folder = TorchTestSupport.TempFolder();
        var liveAtEpochEnd = new List<long>();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var trainer = new Trainer(Small with { Epochs = 4, CheckpointDirectory = folder, EarlyStoppingPatience = 10 })
        {
            Progress = new SyncProgress<EpochRecord>(_ => liveAtEpochEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)),
        };
        trainer.Fit(model, train, validation);
        var after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.Equal(4, liveAtEpochEnd.Count);
        Assert.All(liveAtEpochEnd, live => Assert.Equal(liveAtEpochEnd[0], live));
        Assert.Equal(before, after);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Fit_RejectsDataThatDoesNotFitTheModel()
    {
        using var model = ToyModel();
        using var noText = TorchTestSupport.Clusters(10, 3, 4, 3, seed: 1, withText: false);
        Assert.Contains("no text", Assert.Throws<ArgumentException>(() => new Trainer(Small).Fit(model, noText)).Message);
        using var badLabel = FeatureSet.FromArrays([[1f, 2, 3, 4], [1f, 2, 3, 4]], [[1f, 2, 3], [1f, 2, 3]], [0, 5]);
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => new Trainer(Small).Fit(model, badLabel)).Message);
        using var unlabelled = FeatureSet.FromArrays([[1f, 2, 3, 4]], [[1f, 2, 3]]);
        Assert.Throws<ArgumentException>(() => new Trainer(Small with { EarlyStoppingPatience = 1 }).Fit(model, unlabelled));
        Assert.Throws<ArgumentException>(() => new Trainer(Small with { BatchSize = 0 }));
    }

    [Fact]
    public void PredictProba_RowsAreDistributionsWhoseArgmaxIsPredict()
    {
        using var data = TorchTestSupport.Clusters(25, 3, 4, 3, seed: 21);
        using var model = ToyModel();
        var probabilities = model.PredictProba(data, batchSize: 7);
        var predicted = model.Predict(data, batchSize: 4);
        Assert.Equal(25, probabilities.Length);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(1.0, probabilities[i].Sum(), 5);
            Assert.Equal(Array.IndexOf(probabilities[i], probabilities[i].Max()), predicted[i]);
        }
    }

    [Fact]
    public void Fit_Sgd_LearnsToo_AndLogsEpochLines()
    {
        using var train = TorchTestSupport.Clusters(150, 3, 4, 3, seed: 31);
        using var model = ToyModel();
        var log = new StringWriter();
        var history = new Trainer(Small with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Epochs = 3 }) { Log = log }.Fit(model, train);
        Assert.True(history.Last.TrainAccuracy > 0.9, $"train accuracy {history.Last.TrainAccuracy}");
        Assert.Null(history.BestEpoch);
        Assert.Matches(@"^epoch 3/3  loss \d\.\d{4}  acc \d\.\d{4}  \d+\.\ds$", log.ToString().Trim().Split('\n')[^1].Trim());
    }

    [Fact]
    public void Fit_WithoutEarlyStopping_KeepsTheLastWeights_AndReportsNoBestEpoch()
    {
        using var train = TorchTestSupport.Clusters(90, 3, 4, 3, seed: 12, randomLabels: true);
        using var validation = TorchTestSupport.Clusters(60, 3, 4, 3, seed: 13);
        using var model = ToyModel();
        var trainer = new Trainer(Small with { Epochs = 5, LearningRate = 0.05 });
        var history = trainer.Fit(model, train, validation);
        Assert.Null(history.BestEpoch);                       // validated every epoch, but the weights are the last epoch's
        Assert.Equal(5, history.WeightsEpoch);
        Assert.Contains("last epoch (5); no best epoch", history.WeightsNote);
        var (_, accuracy) = trainer.Evaluate(model, validation);
        Assert.Equal(history.Last.ValidationAccuracy!.Value, accuracy, 10);
    }

    [Fact]
    public void Fit_RestoreBestWeights_EndsWithTheBestValidationEpoch_AndReportsIt()
    {
        // Random training labels: validation accuracy wanders, so the best epoch is rarely the last.
        using var train = TorchTestSupport.Clusters(90, 3, 4, 3, seed: 12, randomLabels: true);
        using var validation = TorchTestSupport.Clusters(60, 3, 4, 3, seed: 13);
        using var model = ToyModel();
        var trainer = new Trainer(Small with { Epochs = 8, LearningRate = 0.05, RestoreBestWeights = true });
        var history = trainer.Fit(model, train, validation);
        Assert.Equal(8, history.Epochs.Count);
        Assert.False(history.StoppedEarly);
        var best = history.Epochs.Max(e => e.ValidationAccuracy!.Value);
        var firstBest = history.Epochs.First(e => e.ValidationAccuracy == best).Epoch;   // ties: the earliest (strict improvement)
        Assert.Equal(firstBest, history.BestEpoch);
        Assert.Equal(firstBest, history.WeightsEpoch);
        Assert.Equal($"best validation epoch {firstBest} of 8", history.WeightsNote);
        var (loss, accuracy) = trainer.Evaluate(model, validation);
        Assert.Equal(history.Best.ValidationAccuracy!.Value, accuracy, 10);   // the model holds the best epoch's weights
        Assert.Equal(history.Best.ValidationLoss!.Value, loss, 5);

        using var unvalidated = ToyModel();
        Assert.Contains("validation set", Assert.Throws<ArgumentException>(() => trainer.Fit(unvalidated, train)).Message);
    }

    [Fact]
    public void Fit_CheckpointOnOtherDataOfTheSameSize_IsRefusedSayingTheDataDiffer()
    {
        using var train = TorchTestSupport.Clusters(40, 3, 4, 3, seed: 5);
        using var sameSize = TorchTestSupport.Clusters(40, 3, 4, 3, seed: 6);   // same shapes and row count, other values
        var folder = TorchTestSupport.TempFolder();
        using (var model = ToyModel())
            new Trainer(Small with { Epochs = 1, CheckpointDirectory = folder }).Fit(model, train);
        using var again = ToyModel();
        var e = Assert.Throws<InvalidDataException>(() => new Trainer(Small with { Epochs = 2, CheckpointDirectory = folder }).Fit(again, sameSize));
        Assert.Contains(Trainer.CheckpointFileName, e.Message);
        Assert.Contains("other training data: the same 40 rows but different values", e.Message);
        Assert.Contains("Delete the checkpoint folder", e.Message);
        // The same data resumes.
        var resumed = new Trainer(Small with { Epochs = 2, CheckpointDirectory = folder }).Fit(again, train);
        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Fit_OnCpu_CheckpointsTheCpuGeneratorOnly()
    {
        using var train = TorchTestSupport.Clusters(40, 3, 4, 3, seed: 5);
        var folder = TorchTestSupport.TempFolder();
        using (var model = ToyModel())
            new Trainer(Small with { Epochs = 1, CheckpointDirectory = folder }).Fit(model, train);
        var checkpoint = Checkpoint.Read(Path.Combine(folder, Trainer.CheckpointFileName));
        Assert.Equal([RandomGenerators.Cpu], checkpoint.Generators.Select(g => g.Name));
        Directory.Delete(folder, recursive: true);
    }
}
