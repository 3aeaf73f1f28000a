using System.Text.Json.Serialization;
using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Experiments.Retrieval;

/// <summary>Settings of <see cref="RetrievalExperiment"/>; the defaults are the ones the CLI and notebook 08 use.</summary>
public sealed record RetrievalExperimentOptions
{
    /// <summary>Epochs of the image-only classifier whose predictions drive classification retrieval.</summary>
    public int ClassifierEpochs { get; init; } = 5;

    /// <summary>Hidden layers of that classifier's head.</summary>
    public IReadOnlyList<int> ClassifierHiddenSizes { get; init; } = [256];

    /// <summary>Cut-offs of P@K and IR recall@K in classification retrieval.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [1, 5, 10];

    /// <summary>Bootstrap resamples over test queries for the first seed's confidence intervals.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Joint spaces to train; empty skips part (b).</summary>
    public IReadOnlyList<JointTextKind> JointTexts { get; init; } = [JointTextKind.Descriptions, JointTextKind.SideText];

    /// <summary>Text encoder of the joint space's text side.</summary>
    public string JointTextEncoder { get; init; } = "minilm";

    /// <summary>Width of the joint space.</summary>
    public int JointDim { get; init; } = 128;

    /// <summary>Epochs of contrastive training.</summary>
    public int JointEpochs { get; init; } = 10;

    /// <summary>Batch size of contrastive training (CLIP-style losses want large batches).</summary>
    public int JointBatchSize { get; init; } = 256;

    /// <summary>Reliability of the simulated side text (its titles name the true class this often).</summary>
    public SideTextReliability SideTextReliability { get; init; } = SideTextReliability.High;

    /// <summary>Seed of the side text (fixed: the text is data; the model seeds vary).</summary>
    public int SideTextSeed { get; init; }

    /// <summary>Torch threads for training (null: leave torch's setting).</summary>
    public int? Threads { get; init; }

    /// <summary>Where the models and their batches live (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).
    /// Like the threads, not part of the settings a saved result must match.</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }
}
