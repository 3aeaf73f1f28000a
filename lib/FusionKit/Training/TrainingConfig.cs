using FusionKit.Platform;

namespace FusionKit.Training;

/// <summary>
/// Everything a training run depends on, with the case study's defaults in one place; change one with
/// <c>config with { Epochs = 3 }</c>. The same config (seed included) and data give identical metrics.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>Passes over the training set. Paper: 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per optimizer step. Paper: 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Optimizer. Paper: Adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Step size. Paper (and PyTorch's Adam default): 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>L2 penalty added by the optimizer (PyTorch's weight_decay). Default 0 = none.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Momentum of <see cref="OptimizerKind.Sgd"/> (ignored by Adam). Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Seeds torch (dropout) and the per-epoch shuffling. Build the model after
    /// <c>torch.manual_seed(Seed)</c> to fix its initial weights as well.</summary>
    public long Seed { get; init; }

    /// <summary>Stop after this many epochs without improvement of <see cref="Monitor"/> and restore the best
    /// weights (whatever <see cref="RestoreBestWeights"/> says); null (default) = off. Needs a validation set.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>
    /// End with (and so evaluate) the weights of the best validation epoch by <see cref="Monitor"/>. Default false:
    /// the model ends with the last epoch's weights, as in the paper the case study reproduces, and the history
    /// reports no best epoch (a best epoch beside last-epoch weights would describe weights nobody evaluates).
    /// Early stopping always restores the best weights. Needs a validation set.
    /// </summary>
    public bool RestoreBestWeights { get; init; }

    /// <summary>Metric that decides the best epoch. Default: validation accuracy.</summary>
    public MonitoredMetric Monitor { get; init; } = MonitoredMetric.ValidationAccuracy;

    /// <summary>Folder for the per-epoch checkpoint; a run finding one there resumes from it. Null (default) = off.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Where the model and its batches live: auto (default: CUDA when TorchSharp sees one, else the CPU), cpu
    /// or cuda (an error where there is none); see <see cref="ComputeDevices.Resolve(ComputeDevice)"/>. Not part of
    /// a checkpoint's fingerprint: a run may resume on another device.</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>torch intra-op threads for the run; null (default) keeps torch's current setting.</summary>
    public int? Threads { get; init; }

    /// <summary>Rows per forward pass when validating and predicting (no gradients). Default 1024.</summary>
    public int EvaluationBatchSize { get; init; } = 1024;

    /// <summary>Whether the run ends with the best validation epoch's weights (early stopping or <see cref="RestoreBestWeights"/>).</summary>
    public bool KeepsBestWeights => RestoreBestWeights || EarlyStoppingPatience is not null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"{nameof(Epochs)} must be at least 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"{nameof(BatchSize)} must be at least 1, got {BatchSize}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"{nameof(LearningRate)} must be a positive number, got {LearningRate}.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentException($"{nameof(WeightDecay)} must be >= 0, got {WeightDecay}.");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentException($"{nameof(Momentum)} must be in [0, 1), got {Momentum}.");
        if (EarlyStoppingPatience is < 1) throw new ArgumentException($"{nameof(EarlyStoppingPatience)} must be at least 1 (or null for off), got {EarlyStoppingPatience}.");
        if (Threads is < 1) throw new ArgumentException($"{nameof(Threads)} must be at least 1 (or null), got {Threads}.");
        if (EvaluationBatchSize < 1) throw new ArgumentException($"{nameof(EvaluationBatchSize)} must be at least 1, got {EvaluationBatchSize}.");
        if (!Enum.IsDefined(Device)) throw new ArgumentException($"{nameof(Device)} {Device} is not known.");
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentException($"{nameof(Optimizer)} {Optimizer} is not known.");
    }
}
