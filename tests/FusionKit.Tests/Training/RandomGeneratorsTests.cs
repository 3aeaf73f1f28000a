using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Tests.Training;

/// <summary>The generator plumbing of checkpoints, on the CPU (the CUDA state is a seed, so its handling runs without a GPU).</summary>
[Collection(TorchTrainingCollection.Name)]
public class RandomGeneratorsTests
{
    public RandomGeneratorsTests() => TorchRuntime.EnsureReady();

    [Fact]
    public void Capture_OnCuda_AddsTheNextEpochsCudaSeed_ToTheCpuState()
    {
        var cpuOnly = RandomGenerators.Capture(onCuda: false, seed: 7, finishedEpochs: 3);
        Assert.Equal([RandomGenerators.Cpu], cpuOnly.Select(g => g.Name));
        var withCuda = RandomGenerators.Capture(onCuda: true, seed: 7, finishedEpochs: 3);
        Assert.Equal([RandomGenerators.Cpu, RandomGenerators.Cuda], withCuda.Select(g => g.Name));
        Assert.Equal(RandomGenerators.CudaEpochSeed(7, 3), BitConverter.ToInt64(withCuda[1].State));
    }

    [Fact]
    public void CudaEpochSeed_IsAFixedNonNegativeFunctionOfSeedAndEpoch()
    {
        var seeds = Enumerable.Range(0, 50).Select(e => RandomGenerators.CudaEpochSeed(3, e)).ToArray();
        Assert.All(seeds, s => Assert.True(s >= 0));
        Assert.Equal(50, seeds.Distinct().Count());
        Assert.Equal(seeds, Enumerable.Range(0, 50).Select(e => RandomGenerators.CudaEpochSeed(3, e)));
        Assert.NotEqual(seeds[0], RandomGenerators.CudaEpochSeed(4, 0));
    }

    [Fact]
    public void Restore_ReplaysTheCpuDraws_AndSaysWhenACudaStateCannotBeUsed()
    {
        torch.manual_seed(11);
        var states = RandomGenerators.Capture(onCuda: true, seed: 11, finishedEpochs: 1);
        float[] Draw() { using var t = torch.rand(6); return t.data<float>().ToArray(); }
        var first = Draw();
        var log = new StringWriter();
        RandomGenerators.Restore(states, onCuda: false, "run/checkpoint.fkc", log);
        Assert.Equal(first, Draw());                                       // the CPU generator is back where it was
        Assert.Contains("run/checkpoint.fkc was written by a CUDA run; this run trains on the CPU", log.ToString());
    }

    [Fact]
    public void Restore_UnknownOrMissingGenerators_AreRefusedNamingTheFile()
    {
        var cpu = RandomGenerators.Capture(onCuda: false, seed: 1, finishedEpochs: 1)[0];
        Assert.Contains("x.fkc holds a state for an unknown generator 'mps'",
            Assert.Throws<InvalidDataException>(() => RandomGenerators.Restore([cpu, new GeneratorState("mps", [1])], false, "x.fkc", null)).Message);
        Assert.Contains("x.fkc holds no CPU generator state",
            Assert.Throws<InvalidDataException>(() => RandomGenerators.Restore([], false, "x.fkc", null)).Message);
        Assert.Contains("CUDA generator seed has 3 bytes",
            Assert.Throws<InvalidDataException>(() => RandomGenerators.Restore([cpu, new GeneratorState(RandomGenerators.Cuda, [1, 2, 3])], true, "x.fkc", null)).Message);
    }

    [Fact]
    public void Checkpoint_WritesAndReadsEveryGeneratorState()
    {
        var folder = TorchTestSupport.TempFolder();
        var path = Path.Combine(folder, Trainer.CheckpointFileName);
        var generators = RandomGenerators.Capture(onCuda: true, seed: 5, finishedEpochs: 2);
        var written = new Checkpoint("fp", [new EpochRecord(1, 0.5, 0.75, null, null, 1.0)], null, double.NegativeInfinity, 0, false,
                                     generators, [1, 2, 3], [4, 5], null);
        written.Write(path);
        var read = Checkpoint.Read(path);
        Assert.Equal(generators.Select(g => g.Name), read.Generators.Select(g => g.Name));
        for (var i = 0; i < generators.Count; i++) Assert.Equal(generators[i].State, read.Generators[i].State);
        Assert.Equal([1, 2, 3], read.ModelState);
        Directory.Delete(folder, recursive: true);
    }
}
