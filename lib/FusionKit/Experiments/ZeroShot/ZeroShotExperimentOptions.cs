using System.Text.Json.Serialization;
using FusionKit.Evaluation.Tuning;
using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Experiments.ZeroShot;

/// <summary>Settings of <see cref="ZeroShotExperiment"/>; the defaults are the ones the CLI and notebook 09 use.</summary>
public sealed record ZeroShotExperimentOptions
{
    /// <summary>Split names to run: "fixed" (Sandal, Shirt, Bag unseen) and "random" (a random split per seed).</summary>
    public IReadOnlyList<string> Splits { get; init; } = [ZeroShotExperiment.FixedSplit, ZeroShotExperiment.RandomSplit];

    /// <summary>Methods to run: "devise" and "compatibility".</summary>
    public IReadOnlyList<string> Methods { get; init; } = [ZeroShotExperiment.Devise, ZeroShotExperiment.Compatibility];

    /// <summary>Text encoders of the label embeddings.</summary>
    public IReadOnlyList<string> LabelEncoders { get; init; } = TextEncoders.Names;

    /// <summary>Label texts: "names" (bare class names) and "descriptions".</summary>
    public IReadOnlyList<string> LabelTexts { get; init; } = [ZeroShotExperiment.Names, ZeroShotExperiment.DescriptionTexts];

    /// <summary>The class descriptions ("descriptions" label text), one per class.</summary>
    public IReadOnlyList<string> Descriptions { get; init; } = FashionMnistLabelText.Descriptions;

    /// <summary>Unseen classes of the random split.</summary>
    public int RandomUnseenCount { get; init; } = 3;

    /// <summary>
    /// Seen classes held out as validation-unseen classes to choose calibrated stacking's γ
    /// (<see cref="FusionKit.Evaluation.ZeroShot.GzslValidationSplit"/>); null: the test split's unseen share of the seen classes
    /// (<see cref="FusionKit.Evaluation.ZeroShot.GzslValidationSplit.DefaultUnseenCount"/>, 2 of 7 for the 3-unseen splits).
    /// </summary>
    public int? ValidationUnseenCount { get; init; }

    /// <summary>Epochs of DeViSE's map. 3, chosen for speed at equal validation AUSUC (`fusionkit bench settings`,
    /// docs/training.md): 3.4x faster than the 10 used before, +0.003 ± 0.014 validation AUSUC, paired over 3 seeds.</summary>
    public int DeviseEpochs { get; init; } = 3;

    /// <summary>Mini-batch size of DeViSE's map (64: larger batches lost 0.025-0.045 validation AUSUC).</summary>
    public int DeviseBatchSize { get; init; } = 64;

    /// <summary>Epochs of the compatibility model. 3 at batch 256, chosen for speed at equal validation AUSUC (`fusionkit
    /// bench settings`, docs/training.md): 3.2x faster than the 5 epochs of batch 64 used before, -0.0006 ± 0.0111
    /// validation AUSUC, paired over 3 seeds.</summary>
    public int CompatibilityEpochs { get; init; } = 3;

    /// <summary>Mini-batch size of the compatibility model (see <see cref="CompatibilityEpochs"/>).</summary>
    public int CompatibilityBatchSize { get; init; } = 256;

    /// <summary>Hidden layers of the compatibility model's head.</summary>
    public IReadOnlyList<int> CompatibilityHiddenSizes { get; init; } = [256];

    /// <summary>Torch threads for training (null: leave torch's setting).</summary>
    public int? Threads { get; init; }

    /// <summary>Where the models and their batches live (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).
    /// Like the threads, not part of the settings a saved result must match.</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }

    /// <summary>The batch size and epochs of <paramref name="method"/> ("devise" or "compatibility").</summary>
    /// <exception cref="ArgumentException">Another method name.</exception>
    public SpeedSetting SpeedSettingOf(string method) => method switch
    {
        ZeroShotExperiment.Devise => new SpeedSetting(DeviseBatchSize, DeviseEpochs),
        ZeroShotExperiment.Compatibility => new SpeedSetting(CompatibilityBatchSize, CompatibilityEpochs),
        _ => throw new ArgumentException($"Unknown method '{method}': use {ZeroShotExperiment.Devise} or {ZeroShotExperiment.Compatibility}.", nameof(method)),
    };

    /// <summary>These options with <paramref name="method"/>'s batch size and epochs replaced by <paramref name="setting"/>.</summary>
    /// <exception cref="ArgumentException">Another method name.</exception>
    public ZeroShotExperimentOptions WithSpeedSetting(string method, SpeedSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return method switch
        {
            ZeroShotExperiment.Devise => this with { DeviseBatchSize = setting.BatchSize, DeviseEpochs = setting.Epochs },
            ZeroShotExperiment.Compatibility => this with { CompatibilityBatchSize = setting.BatchSize, CompatibilityEpochs = setting.Epochs },
            _ => throw new ArgumentException($"Unknown method '{method}': use {ZeroShotExperiment.Devise} or {ZeroShotExperiment.Compatibility}.", nameof(method)),
        };
    }
}
