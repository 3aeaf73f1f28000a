using System.Text.Json.Serialization;
using FusionKit.Evaluation.Tuning;
using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Experiments.Retrieval;

/// <summary>Settings of <see cref="RetrievalExperiment"/>; the defaults are the ones the CLI and notebook 08 use.</summary>
public sealed record RetrievalExperimentOptions
{
    /// <summary>Epochs of the image-only classifier whose predictions drive classification retrieval.</summary>
    public int ClassifierEpochs { get; init; } = 5;

    /// <summary>Mini-batch size of that classifier. 128, chosen for speed at equal validation accuracy (`fusionkit bench
    /// settings`, docs/training.md): 2.0x faster than the case study's 32 at 5 epochs, +0.0002 ± 0.0028 validation accuracy.</summary>
    public int ClassifierBatchSize { get; init; } = 128;

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

    /// <summary>Epochs of contrastive training. 5, chosen for speed at equal validation recall (`fusionkit bench settings`,
    /// docs/training.md): 1.5x faster than the 10 used before (training and validation scoring), -0.0034 ± 0.0021 mean recall.</summary>
    public int JointEpochs { get; init; } = 5;

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

    /// <summary>The batch size and epochs of <paramref name="model"/> ("classifier" or "joint").</summary>
    /// <exception cref="ArgumentException">Another model name.</exception>
    public SpeedSetting SpeedSettingOf(string model) => model switch
    {
        RetrievalExperiment.Classifier => new SpeedSetting(ClassifierBatchSize, ClassifierEpochs),
        RetrievalExperiment.Joint => new SpeedSetting(JointBatchSize, JointEpochs),
        _ => throw new ArgumentException($"Unknown retrieval model '{model}': use {RetrievalExperiment.Classifier} or {RetrievalExperiment.Joint}.", nameof(model)),
    };

    /// <summary>These options with <paramref name="model"/>'s batch size and epochs replaced by <paramref name="setting"/>.</summary>
    /// <exception cref="ArgumentException">Another model name.</exception>
    public RetrievalExperimentOptions WithSpeedSetting(string model, SpeedSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return model switch
        {
            RetrievalExperiment.Classifier => this with { ClassifierBatchSize = setting.BatchSize, ClassifierEpochs = setting.Epochs },
            RetrievalExperiment.Joint => this with { JointBatchSize = setting.BatchSize, JointEpochs = setting.Epochs },
            _ => throw new ArgumentException($"Unknown retrieval model '{model}': use {RetrievalExperiment.Classifier} or {RetrievalExperiment.Joint}.", nameof(model)),
        };
    }
}
