using System.Diagnostics;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Retrieval;

/// <summary>
/// The training loop shared by the joint-space and DeViSE trainers, whose losses do not fit the
/// <see cref="Trainer"/>'s cross-entropy-over-classes contract: seeded epoch order (<see cref="EpochShuffle"/>),
/// one dispose scope per batch, Adam or SGD from the <see cref="TrainingConfig"/>, one progress line per epoch.
/// </summary>
internal static class MiniBatchLoop
{
    /// <param name="batchLoss">Mean loss of the batch whose row indices (into the training data) it receives.</param>
    /// <param name="afterStep">Runs after every optimizer step (e.g. clamping the temperature).</param>
    /// <param name="note">Extra text for each progress line (e.g. the temperature); may be null.</param>
    public static IReadOnlyList<EpochLoss> Run(nn.Module model, TrainingConfig config, int rows, Func<long[], Tensor> batchLoss,
                                               Action? afterStep, Func<string>? note, TextWriter? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        TorchRuntime.EnsureReady();
        if (config.Threads is { } threads) torch.set_num_threads(threads);
        if (config.Device == ComputeDevice.Cuda) log?.WriteLine("note: this loop trains on the CPU; ComputeDevice.Cuda is not used here.");
        torch.manual_seed(config.Seed);
        using var optimizer = CreateOptimizer(model, config);
        model.train();
        var history = new List<EpochLoss>();
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var order = EpochShuffle.Permutation(rows, config.Seed, epoch);
            double lossSum = 0;
            for (var start = 0; start < rows; start += config.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(config.BatchSize, rows - start)).ToArray();
                var loss = batchLoss(batch);
                model.zero_grad(true);
                loss.backward();
                optimizer.step();
                afterStep?.Invoke();
                lossSum += loss.item<float>() * (double)batch.Length;
            }
            var record = new EpochLoss(epoch + 1, lossSum / rows, clock.Elapsed.TotalSeconds);
            history.Add(record);
            log?.WriteLine(note is null ? record.Format(config.Epochs) : $"{record.Format(config.Epochs)}  {note()}");
        }
        model.eval();
        return history;
    }

    private static OptimizerHelper CreateOptimizer(nn.Module model, TrainingConfig config) => config.Optimizer switch
    {
        // PyTorch's defaults, as the Trainer: betas (0.9, 0.999), eps 1e-8.
        OptimizerKind.Adam => torch.optim.Adam(model.parameters(), config.LearningRate, 0.9, 0.999, 1e-8, config.WeightDecay),
        OptimizerKind.Sgd => torch.optim.SGD(model.parameters(), config.LearningRate, config.Momentum, 0, config.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, "Unknown optimizer."),
    };
}
