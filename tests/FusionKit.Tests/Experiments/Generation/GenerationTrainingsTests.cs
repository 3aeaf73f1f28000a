using FusionKit.Data;
using FusionKit.Experiments.Generation;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Generation;

/// <summary>
/// The generation experiment's GAN trainings side by side: two worker processes of the kit's command line train exactly
/// the generators one process trains in turn (the saved weights are byte for byte the same); a rerun on the same folder
/// loads them; a folder of other settings is refused.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class GenerationTrainingsTests
{
    // 20 images per class, 2 epochs of batch 16, small networks: each training takes a second or two.
    private static readonly GenerationOptions Tiny = new()
    {
        TrainPerClass = 20, Epochs = 2, EncoderEpochs = 0, BatchSize = 16, GeneratorWidth = 8, DiscriminatorWidth = 4, LatentDim = 8,
        ResizeConvolution = true, ProjectionDiscriminator = true, InterpolateWithinClass = true, Device = ComputeDevice.Cpu, Threads = 1,
    };

    private static readonly GenerationConditioning[] Conditionings = [GenerationConditioning.Text, GenerationConditioning.OneHot];

    private static readonly int[] Seeds = [0, 1];

    [Fact]
    public void TwoJobs_TrainTheSequentialRunsWeights_ByteForByte()
    {
        using var temp = new TempFolder();
        var cli = typeof(FusionKit.Cli.Program).Assembly.Location;
        var sequentialFolder = Path.Combine(temp.Path, "sequential");
        var parallelFolder = Path.Combine(temp.Path, "parallel");
        var log = new StringWriter();

        GenerationTrainings.Train(sequentialFolder, RunProfile.Smoke, Tiny, Conditionings, Seeds, jobs: 1, worker: null);
        var records = GenerationTrainings.Train(parallelFolder, RunProfile.Smoke, Tiny, Conditionings, Seeds, jobs: 2,
                                                (folder, job) => CliWorker.StartTrainings(cli, CliWorker.GenerationCommand, folder, job), log);

        string[] keys = ["text-seed0", "onehot-seed0", "text-seed1", "onehot-seed1"];
        Assert.Equal(keys, records.Keys);
        Assert.Contains("in 2 jobs", log.ToString());
        Assert.Equal(4, log.ToString().Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[job [12]\] gan [a-z]+-seed[01]: trained in ")));
        foreach (var key in keys)
        {
            var generator = Path.Combine("model", "generator.fkm");
            Assert.Equal(File.ReadAllBytes(Path.Combine(sequentialFolder, key, generator)), File.ReadAllBytes(Path.Combine(parallelFolder, key, generator)));
        }
    }

    [Fact]
    public void ARerunOnTheSameFolder_LoadsTheTrainedModels_AndOtherSettingsAreRefused()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "models");
        var first = GenerationTrainings.Train(folder, RunProfile.Smoke, Tiny, [GenerationConditioning.OneHot], [0], jobs: 1, worker: null);
        var log = new StringWriter();

        var again = GenerationTrainings.Train(folder, RunProfile.Smoke, Tiny, [GenerationConditioning.OneHot], [0], jobs: 2,
                                              (_, _) => throw new InvalidOperationException("nothing is left to train"), log);

        Assert.Equal(first, again);
        Assert.Contains("gan onehot-seed0: trained earlier, loaded from", log.ToString());
        var error = Assert.Throws<InvalidDataException>(() =>
            GenerationTrainings.Train(folder, RunProfile.Smoke, Tiny with { Epochs = 3 }, [GenerationConditioning.OneHot], [0], jobs: 1, worker: null));
        Assert.Contains("other settings", error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void ARunTrainedOnItsOwn_IsLoadedByTheQueue_WithItsTrainingSeconds_NotTrainedAgain()
    {
        // Notebook 10 trains its text model with TrainOne, then runs the experiment on the same folder: the experiment must
        // load that model (and report the seconds its training took), not train it a second time.
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "models");
        var alone = GenerationTrainings.TrainOne(folder, Tiny with { Conditioning = GenerationConditioning.Text, Seed = 0 });
        alone.Model.Dispose();
        Assert.True(alone.TrainingSeconds > 0);
        var generator = Path.Combine(folder, "text-seed0", "model", "generator.fkm");
        var weights = File.ReadAllBytes(generator);
        var log = new StringWriter();

        var records = GenerationTrainings.Train(folder, RunProfile.Smoke, Tiny, [GenerationConditioning.Text], [0], jobs: 2,
                                                (_, _) => throw new InvalidOperationException("nothing is left to train"), log);

        Assert.Contains("gan text-seed0: trained earlier, loaded from", log.ToString());
        Assert.Equal(alone.TrainingSeconds, records["text-seed0"].TrainingSeconds);
        Assert.Equal(weights, File.ReadAllBytes(generator));
        // The same weights the queue trains for that run itself (each training seeds torch).
        var queueFolder = Path.Combine(temp.Path, "queue");
        GenerationTrainings.Train(queueFolder, RunProfile.Smoke, Tiny, [GenerationConditioning.Text], [0], jobs: 1, worker: null);
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(queueFolder, "text-seed0", "model", "generator.fkm")));

        // A second TrainOne loads the model and keeps the record of the training.
        var again = GenerationTrainings.TrainOne(folder, Tiny with { Conditioning = GenerationConditioning.Text, Seed = 0 });
        again.Model.Dispose();
        Assert.Equal(0, again.TrainingSeconds);
        Assert.Equal(records, GenerationTrainings.Train(folder, RunProfile.Smoke, Tiny, [GenerationConditioning.Text], [0], jobs: 1, worker: null));
    }
}
