using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Experiments.Retrieval;

/// <summary>How <see cref="TextImageSearch"/> trains its joint space; every setting is part of the model's cache key.</summary>
public sealed record SearchOptions
{
    /// <summary>Text the joint space is trained on: per-image product titles give it a wider vocabulary than the 10 descriptions.</summary>
    public JointTextKind TrainingText { get; init; } = JointTextKind.SideText;

    /// <summary>Reliability of the training side text (how often a title names the true class).</summary>
    public SideTextReliability SideTextReliability { get; init; } = SideTextReliability.High;

    /// <summary>Text encoder of titles and queries.</summary>
    public string TextEncoder { get; init; } = "minilm";

    /// <summary>Width of the joint space.</summary>
    public int JointDim { get; init; } = 128;

    /// <summary>Epochs of contrastive training.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Batch size of contrastive training.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Seed of the model and of the side text.</summary>
    public int Seed { get; init; }

    /// <summary>Torch threads for training (null: leave torch's setting).</summary>
    public int? Threads { get; init; }

    /// <summary>Where the joint model, the gallery and the queries live (auto: CUDA when TorchSharp sees one, else the CPU;
    /// <see cref="ComputeDevices"/>). Not part of the cached model's key.</summary>
    public ComputeDevice Device { get; init; }
}
