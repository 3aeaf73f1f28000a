using System.Globalization;
using System.Text.Json.Serialization;
using FusionKit.Models;
using FusionKit.Platform;
using FusionKit.Training;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// Settings of the case study, with the paper's protocol as defaults: an MLP head with one hidden layer of 512
/// (Z_l = σ(W_l Z_{l-1} + b_l), σ = ReLU), cross-entropy, Adam with learning rate 1e-3, 10 epochs, batch 32,
/// label texts embedded by word vectors and by all-MiniLM-L6-v2. Change one with <c>config with { Epochs = 3 }</c>.
/// </summary>
public sealed record CaseStudyConfig
{
    /// <summary>Widths of the head's hidden layers. Paper: [512].</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [512];

    /// <summary>σ between the head's layers. Default ReLU; the paper's notation σ allows any.</summary>
    public HeadActivation Activation { get; init; } = HeadActivation.ReLU;

    /// <summary>Adam's step size. Paper: 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Passes over the training set. Paper: 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per optimizer step. Paper: 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Text encoders whose label-text embeddings the paper and compatibility variants use.</summary>
    public IReadOnlyList<string> TextEncoders { get; init; } = ["wordvec", "minilm"];

    /// <summary>torch intra-op threads while training. Default 1: the head's matrices are small, and on a busy
    /// 2-core machine two threads run slower than one (docs/platform.md, Threads).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Where the heads and their batches live (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }

    /// <summary>Also train the honest compatibility models (default true).</summary>
    public bool IncludeCompatibility { get; init; } = true;

    /// <summary>The trainer's settings for one seed (Adam, cross-entropy, no early stopping: the paper trains 10 epochs).</summary>
    public TrainingConfig Training(int seed) => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        Optimizer = OptimizerKind.Adam,
        LearningRate = LearningRate,
        Seed = seed,
        Threads = Threads,
        Device = Device,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (HiddenSizes is null || HiddenSizes.Any(h => h < 1))
            throw new ArgumentException($"{nameof(HiddenSizes)} must be positive widths, got [{string.Join(", ", HiddenSizes ?? [])}].");
        if (TextEncoders is null || TextEncoders.Count == 0)
            throw new ArgumentException($"{nameof(TextEncoders)} must name at least one text encoder.");
        if (TextEncoders.Distinct(StringComparer.Ordinal).Count() != TextEncoders.Count)
            throw new ArgumentException($"{nameof(TextEncoders)} lists an encoder twice: [{string.Join(", ", TextEncoders)}].");
        if (Threads < 1) throw new ArgumentException($"{nameof(Threads)} must be at least 1, got {Threads}.");
        Training(0).Validate();
    }

    /// <summary>The settings a finished run's results depend on (threads excluded), as one line.</summary>
    public string Fingerprint() => string.Create(CultureInfo.InvariantCulture,
        $"hidden=[{string.Join(",", HiddenSizes)}] activation={Activation} lr={LearningRate:R} epochs={Epochs} batch={BatchSize} optimizer=Adam");
}
