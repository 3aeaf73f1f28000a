using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Tests.Training;

/// <summary>The kit's training tests share torch's global state (threads, RNG); they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TorchTrainingCollection
{
    public const string Name = "Torch training";
}

/// <summary>Deterministic weights and toy data that do not depend on torch's global RNG (other tests draw from it in parallel).</summary>
internal static class TorchTestSupport
{
    /// <summary>Overwrites every parameter with values from a seeded C# RNG, uniform in ±1/sqrt(fan_in).</summary>
    public static T Reinitialize<T>(T module, int seed) where T : nn.Module
    {
        TorchRuntime.EnsureReady();
        var random = new Random(seed);
        using var noGrad = torch.no_grad();
        foreach (var (_, p) in module.named_parameters())
        {
            if (p.dim() == 0) continue; // scalars (e.g. a contrastive model's logit_scale) keep their initial value
            var fanIn = p.dim() > 1 ? p.shape[1] : p.shape[0];
            var bound = 1.0 / Math.Sqrt(fanIn);
            var values = new float[p.numel()];
            for (var i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            using var t = torch.tensor(values, p.shape);
            p.copy_(t);
        }
        return module;
    }

    /// <summary>
    /// Gaussian clusters: the class shifts the image rows by 3 along a class-specific direction and the text rows
    /// by 3 along another; noise has unit variance. Linearly separable with high probability for these sizes.
    /// </summary>
    public static FeatureSet Clusters(int n, int classes, int imageDim, int textDim, int seed, bool withText = true, bool randomLabels = false)
    {
        var random = new Random(seed);
        var image = new float[n][];
        var text = new float[n][];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var c = i % classes;
            labels[i] = randomLabels ? random.Next(classes) : c;
            image[i] = Enumerable.Range(0, imageDim).Select(d => (float)(Gaussian(random) + (d % classes == c ? 3 : 0))).ToArray();
            text[i] = Enumerable.Range(0, textDim).Select(d => (float)(Gaussian(random) + ((d + 1) % classes == c ? 3 : 0))).ToArray();
        }
        return FeatureSet.FromArrays(image, withText ? text : null, labels);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static float[] Values(Tensor t)
    {
        using var cpu = t.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    /// <summary>Metrics of a history without the timings (which differ between runs).</summary>
    public static IReadOnlyList<(double, double, double?, double?)> Metrics(TrainingHistory history) =>
        history.Epochs.Select(e => (e.TrainLoss, e.TrainAccuracy, e.ValidationLoss, e.ValidationAccuracy)).ToList();

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fusionkit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>Reports synchronously (System.Progress posts to the thread pool, too late to cancel a run mid-way).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
