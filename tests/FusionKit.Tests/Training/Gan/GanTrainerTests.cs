using FusionKit.Models.Generation;
using FusionKit.Platform;
using FusionKit.Training;
using FusionKit.Training.Gan;
using TorchSharp;

namespace FusionKit.Tests.Training.Gan;

[Collection(TorchTrainingCollection.Name)]
public class GanTrainerTests
{
    public GanTrainerTests() => TorchRuntime.EnsureReady();

    private static readonly GanArchitecture Tiny = new(ConditionDim: 4, LatentDim: 8, ProjectedDim: 4, GeneratorWidth: 8, DiscriminatorWidth: 4);

    /// <summary>40 random 28x28 images of 2 classes; 4 condition rows, 2 per class.</summary>
    private static GanTrainingSet ToySet()
    {
        var random = new Random(7);
        var pixels = new byte[40 * 784];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, 40).Select(i => i % 2).ToArray();
        var conditions = Enumerable.Range(0, 4).Select(k => Enumerable.Range(0, 4).Select(d => (float)random.NextDouble()).ToArray()).ToArray();
        var imageCondition = labels.Select((l, i) => l * 2 + i / 2 % 2).ToArray();
        return new GanTrainingSet(pixels, labels, conditions, imageCondition, [[0, 1], [2, 3]]);
    }

    private static GanTrainingConfig Config(string? folder) => new() { Epochs = 3, BatchSize = 16, Seed = 11, Device = ComputeDevice.Cpu, Threads = 1, CheckpointDirectory = folder };

    private static (ConditionalGenerator, MatchingAwareDiscriminator) Networks(int seed)
    {
        torch.manual_seed(seed);
        return (new ConditionalGenerator(Tiny), new MatchingAwareDiscriminator(Tiny));
    }

    private static float[] Weights(torch.nn.Module module) => module.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void Fit_PlacesBothNetworksOnTheConfiguredDevice_AndRefusesCudaWithoutAGpu()
    {
        var (generator, discriminator) = Networks(3);
        using var g = generator;
        using var d = discriminator;
        new GanTrainer(Config(null) with { Epochs = 1, Device = ComputeDevice.Auto }).Fit(g, d, ToySet());
        var expected = ComputeDevices.Torch(ComputeDevice.Auto).type;
        Assert.All(g.parameters().Concat(d.parameters()), p => Assert.Equal(expected, p.device_type));

        if (ComputeDevices.CudaDeviceCount() > 0) return;
        var trainer = new GanTrainer(Config(null) with { Device = ComputeDevice.Cuda });
        Assert.Throws<ComputeDeviceUnavailableException>(trainer.ResolveDevice);
        var before = Weights(g);
        Assert.Throws<ComputeDeviceUnavailableException>(() => trainer.Fit(g, d, ToySet()));
        Assert.Equal(before, Weights(g));
    }

    [Fact]
    public void Fit_RecordsEveryEpochAndChangesTheWeights()
    {
        using var set = ToySet();
        var (g, d) = Networks(1);
        using (g)
        using (d)
        {
            var before = Weights(g);
            var history = new GanTrainer(Config(null)).Fit(g, d, set);
            Assert.Equal([1, 2, 3], history.Select(r => r.Epoch));
            Assert.All(history, r => Assert.True(double.IsFinite(r.DiscriminatorLoss) && double.IsFinite(r.GeneratorLoss)));
            Assert.NotEqual(before, Weights(g));
        }
    }

    [Fact]
    public void WithinClassInterpolation_WithAProjectionDiscriminator_IsSeeded_AndTrainsDifferentlyFromBatchPartners()
    {
        // The smoke section's settings on the toy set: two runs with one seed end with the same weights; GAN-INT partners
        // drawn from the image's own class (another random stream, other conditions) end elsewhere.
        using var set = ToySet();
        float[] Train(bool withinClass)
        {
            torch.manual_seed(1);
            var projection = Tiny with { ProjectionDiscriminator = true };
            using var g = new ConditionalGenerator(projection);
            using var d = new MatchingAwareDiscriminator(projection);
            var history = new GanTrainer(Config(null) with { InterpolateWithinClass = withinClass }).Fit(g, d, set);
            Assert.All(history, r => Assert.True(double.IsFinite(r.DiscriminatorLoss) && double.IsFinite(r.GeneratorLoss)));
            return Weights(g);
        }
        var first = Train(withinClass: true);
        Assert.Equal(first, Train(withinClass: true));
        Assert.NotEqual(first, Train(withinClass: false));
    }

    [Fact]
    public void Resume_AfterCancellation_EqualsUninterruptedRun()
    {
        using var set = ToySet();
        using var folder = new TempFolder();
        var (g1, d1) = Networks(1);
        using var _g1 = g1;
        using var _d1 = d1;
        var uninterrupted = new GanTrainer(Config(null)).Fit(g1, d1, set);

        // Cancel right after epoch 1 has been checkpointed, as Ctrl+C would.
        using var cancel = new CancellationTokenSource();
        var (g2, d2) = Networks(1);
        using (g2)
        using (d2)
        {
            var interrupted = new GanTrainer(Config(folder.Path)) { EpochFinished = (r, _) => { if (r.Epoch == 1) cancel.Cancel(); } };
            Assert.Throws<OperationCanceledException>(() => interrupted.Fit(g2, d2, set, cancel.Token));
        }

        // A new process: networks built from another seed, then the checkpoint restores weights, Adam states and RNG.
        var (g3, d3) = Networks(99);
        using (g3)
        using (d3)
        {
            var resumed = new GanTrainer(Config(folder.Path)).Fit(g3, d3, set);
            Assert.Equal(uninterrupted.Select(r => r with { Seconds = 0 }), resumed.Select(r => r with { Seconds = 0 })); // wall time differs
            Assert.Equal(Weights(g1), Weights(g3));
            Assert.Equal(Weights(d1), Weights(d3));
        }
    }

    [Fact]
    public void Resume_FromAnotherRunsCheckpoint_FailsNamingTheFile()
    {
        using var set = ToySet();
        using var folder = new TempFolder();
        var (g, d) = Networks(1);
        using (g)
        using (d)
            new GanTrainer(Config(folder.Path) with { Epochs = 1 }).Fit(g, d, set);
        var (g2, d2) = Networks(1);
        using (g2)
        using (d2)
        {
            var e = Assert.Throws<InvalidDataException>(() => new GanTrainer(Config(folder.Path) with { Seed = 12 }).Fit(g2, d2, set));
            Assert.Contains(GanTrainer.CheckpointFileName, e.Message);
        }
    }

    [Fact]
    public void LatentEncoder_LearnsToInvertTheGenerator()
    {
        using var set = ToySet();
        var (g, d) = Networks(2);
        using (g)
        using (d)
        {
            torch.manual_seed(3);
            using var encoder = new LatentEncoder(Tiny);
            var losses = LatentEncoderTraining.Fit(encoder, g, set, epochs: 6, seed: 5, batchSize: 8, learningRate: 3e-3);
            Assert.Equal(6, losses.Count);
            Assert.True(losses[^1] < losses[0], $"encoder loss went from {losses[0]} to {losses[^1]}");
            Assert.All(g.parameters(), p => Assert.True(p.requires_grad)); // G is frozen only while E trains
        }
    }

    [Fact]
    public void ClassHead_LearnsToNameTheRealImagesClasses_AndNeedsAConditionalGanOfTheSetsClasses()
    {
        // Class 0 dark, class 1 bright images: after training D's head (auxiliary classifier, Odena et al. 2017) names the
        // class of every real image, which only its cross-entropy term teaches it.
        var pixels = new byte[40 * 784];
        var random = new Random(9);
        for (var i = 0; i < 40; i++)
            for (var p = 0; p < 784; p++) pixels[i * 784 + p] = (byte)(i % 2 == 0 ? random.Next(0, 60) : random.Next(190, 256));
        var labels = Enumerable.Range(0, 40).Select(i => i % 2).ToArray();
        var conditions = new[] { new[] { 1f, 0f, 0f, 0f }, new[] { 0f, 1f, 0f, 0f } };
        using var set = new GanTrainingSet(pixels, labels, conditions, labels, [[0], [1]]);
        var headed = Tiny with { ProjectionDiscriminator = true, AuxiliaryClasses = 2 };
        torch.manual_seed(2);
        using var g = new ConditionalGenerator(headed);
        using var d = new MatchingAwareDiscriminator(headed);
        new GanTrainer(Config(null) with { Epochs = 8, LearningRate = 2e-3 }).Fit(g, d, set);
        d.eval();
        using var table = torch.tensor(conditions.SelectMany(c => c).ToArray(), [2, 4]);          // (2, 4)
        using var matched = table.index_select(0, set.Labels);                                    // (40, 4)
        var (score, classes) = d.ScoreAndClassify(set.Images, matched);
        using var predicted = classes!.argmax(1);
        Assert.Equal(labels.Select(l => (long)l), predicted.data<long>().ToArray());
        score.Dispose();
        classes.Dispose();

        using var wrongClasses = new MatchingAwareDiscriminator(Tiny with { AuxiliaryClasses = 3 });
        using var g3 = new ConditionalGenerator(Tiny with { AuxiliaryClasses = 3 });
        var e = Assert.Throws<ArgumentException>(() => new GanTrainer(Config(null)).Fit(g3, wrongClasses, ToySet()));
        Assert.Contains("class head", e.Message);
    }

    [Fact]
    public void ConditionNoise_IsSeeded_ChangesTraining_AndRefusesNegativeValues()
    {
        using var set = ToySet();
        float[] Train(double noise)
        {
            var (g, d) = Networks(4);
            using (g)
            using (d)
            {
                new GanTrainer(Config(null) with { ConditionNoise = noise }).Fit(g, d, set);
                return Weights(g);
            }
        }
        var noisy = Train(0.5);
        Assert.Equal(noisy, Train(0.5));
        Assert.NotEqual(noisy, Train(0));
        var e = Assert.Throws<ArgumentException>(() => new GanTrainer(Config(null) with { ConditionNoise = -0.1 }));
        Assert.Contains("ConditionNoise", e.Message);
    }
}
