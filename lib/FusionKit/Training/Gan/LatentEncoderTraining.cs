using System.Diagnostics;
using System.Globalization;
using FusionKit.Models.Generation;
using FusionKit.Platform;
using FusionKit.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Training.Gan;

/// <summary>
/// Trains a <see cref="LatentEncoder"/> to invert a trained, frozen generator: per batch, latent regression on
/// G's samples, ||E(G(z, c)) − z||² (Reed et al. 2016, section 5.3, "style" encoder), plus reconstruction of real
/// images through G with their own condition, ||G(E(x), c_x) − x||² (pixels in [-1, 1]). G is frozen and draws
/// with batch statistics, as it does when generating. The run is seeded and short (it restarts from
/// the seed if interrupted, giving the same weights).
/// </summary>
public static class LatentEncoderTraining
{
    /// <summary>Trains <paramref name="encoder"/> in place; returns the mean loss of each epoch.</summary>
    public static IReadOnlyList<double> Fit(LatentEncoder encoder, ConditionalGenerator generator, GanTrainingSet data, int epochs, long seed,
        int batchSize = 64, double learningRate = 1e-3, double reconstructionWeight = 1.0, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 2);
        TorchRuntime.EnsureReady();
        if (encoder.Architecture.LatentDim != generator.Architecture.LatentDim)
            throw new ArgumentException($"The encoder writes {encoder.Architecture.LatentDim}-d codes; the generator reads {generator.Architecture.LatentDim}-d ones.", nameof(encoder));
        var device = generator.parameters().First().device;
        encoder.to(device);
        torch.manual_seed(seed);
        var wasTraining = generator.training;
        generator.eval(); // frozen, and drawing as it draws for users: batch norm on its running statistics, which stay untouched
        var frozen = generator.parameters().Select(p => (p, p.requires_grad)).ToArray();
        foreach (var (p, _) in frozen) p.requires_grad = false;
        try
        {
            using var optimizer = Optimizers.Adam(encoder.parameters(), learningRate, beta1: 0.5);
            using var images = data.Images.to(device);                                          // (N, 1, 28, 28)
            using var conditions = data.Conditions?.to(device);                                 // (K, D_c)
            var losses = new List<double>();
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                encoder.train();
                using var order = torch.tensor(EpochShuffle.Permutation(data.Count, seed, epoch));
                double sum = 0;
                var steps = 0;
                for (var start = 0; start + 1 < data.Count; start += batchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = torch.NewDisposeScope();
                    var rows = Math.Min(batchSize, data.Count - start);
                    var index = order.narrow(0, start, rows);                                   // (b)
                    var x = images.index_select(0, index.to(device));                           // (b, 1, 28, 28)
                    var c = conditions?.index_select(0, data.ImageCondition!.index_select(0, index).to(device)); // (b, D_c)
                    var z = torch.randn(rows, encoder.Architecture.LatentDim).to(device);       // (b, L)
                    Tensor sample;
                    using (torch.no_grad()) sample = generator.call(z, c);                      // (b, 1, 28, 28)
                    var regression = nn.functional.mse_loss(encoder.call(sample), z);
                    var reconstruction = nn.functional.mse_loss(generator.call(encoder.call(x), c), x);
                    var loss = regression + reconstructionWeight * reconstruction;
                    encoder.zero_grad(true);
                    loss.backward();
                    optimizer.step();
                    sum += loss.item<float>();
                    steps++;
                }
                losses.Add(sum / Math.Max(steps, 1));
                log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"encoder epoch {epoch + 1}/{epochs}: loss {losses[^1]:F4}  ({clock.Elapsed.TotalSeconds:F1} s)"));
            }
            return losses;
        }
        finally
        {
            foreach (var (p, requires) in frozen) p.requires_grad = requires;
            generator.train(wasTraining);
        }
    }
}
