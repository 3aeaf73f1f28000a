using System.Text.Json.Serialization;
using FusionKit.Evaluation.Tuning;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Experiments.Interaction;

/// <summary>
/// Settings of the interaction experiment (generated questions about Fashion-MNIST images, answered by fusion
/// models), every default in this one place; change one with <c>InteractionConfig.Default with { Methods = ["gated"] }</c>.
/// </summary>
public sealed record InteractionConfig
{
    /// <summary>The defaults below.</summary>
    public static InteractionConfig Default { get; } = new();

    /// <summary>Fusion methods compared (<see cref="FusionMethods.Names"/>): concatenation, the gated unit, MFB and
    /// cross-attention, where the question queries ResNet18's 7x7 grid.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [FusionMethods.Concat, FusionMethods.Gated, FusionMethods.Bilinear, FusionMethods.CrossAttention];

    /// <summary>Question encoders compared (<see cref="TextEncoders.Names"/>): word vectors and MiniLM.</summary>
    public IReadOnlyList<string> TextEncoders { get; init; } = FusionKit.Text.TextEncoders.Names;

    /// <summary>Questions generated per image of each split (train, validation, test). 6.</summary>
    public int QuestionsPerImage { get; init; } = 6;

    /// <summary>
    /// Training images per class (validation in proportion), chosen as cross-attention's subset of the fusion
    /// section (<see cref="FusionExperimentConfig.SpatialTrainPerClass"/>, so its cached spatial tokens are reused);
    /// null = all of the profile's. Every model sees the same images, so the comparison is fair.
    /// </summary>
    public int? TrainImagesPerClass { get; init; } = FusionExperimentConfig.SpatialTrainPerClass;

    /// <summary>Hidden widths of the answer classifier. [256].</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [256];

    /// <summary>Adam's learning rate. 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Mini-batch size of every model without its own in <see cref="ModelSettings"/>. 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>At most this many epochs for every model (a model's own setting in <see cref="ModelSettings"/> may stop it
    /// sooner); the epoch kept is the best on validation (early stopping). 20.</summary>
    public int MaxEpochs { get; init; } = 20;

    /// <summary>
    /// Batch size and epoch cap of the models whose own differ from <see cref="BatchSize"/> and <see cref="MaxEpochs"/>,
    /// keyed by model name (<see cref="InteractionExperiment.Models"/>): chosen for speed at equal accuracy on the
    /// validation questions (<see cref="InteractionSpeedSettings"/>, <c>fusionkit bench settings</c>; docs/training.md).
    /// Concatenation keeps the shared setting (no faster setting kept its validation accuracy); an empty dictionary trains
    /// every model with batch 128 for at most 20 epochs, the settings before the search.
    /// </summary>
    public IReadOnlyDictionary<string, SpeedSetting> ModelSettings { get; init; } = new Dictionary<string, SpeedSetting>(StringComparer.Ordinal)
    {
        [InteractionExperiment.ImageOnly] = new(256, 20),
        [InteractionExperiment.QuestionOnly] = new(512, 20),
        [FusionMethods.Gated] = new(512, 10),
        [FusionMethods.Bilinear] = new(512, 20),
        [FusionMethods.CrossAttention] = new(512, 10),
    };

    /// <summary>The batch size and epoch cap <paramref name="model"/> trains with: its own from <see cref="ModelSettings"/>
    /// (its epochs capped by <see cref="MaxEpochs"/>), else <see cref="BatchSize"/> and <see cref="MaxEpochs"/>.</summary>
    public SpeedSetting SpeedSettingOf(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelSettings.TryGetValue(model, out var own) ? own with { Epochs = Math.Min(own.Epochs, MaxEpochs) } : new SpeedSetting(BatchSize, MaxEpochs);
    }

    /// <summary>This config with <paramref name="model"/> trained with <paramref name="setting"/> (the cap
    /// <see cref="MaxEpochs"/> raised to its epochs where lower); the other models keep theirs.</summary>
    public InteractionConfig WithSpeedSetting(string model, SpeedSetting setting)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(setting);
        var settings = new Dictionary<string, SpeedSetting>(ModelSettings, StringComparer.Ordinal) { [model] = setting };
        return this with { ModelSettings = settings, MaxEpochs = Math.Max(MaxEpochs, setting.Epochs) };
    }

    /// <summary>Stop after this many epochs without a better validation accuracy. 3.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Fusion settings; MFB's output width as in the fusion section (<see cref="FusionExperimentConfig.ExperimentMfbOutputDim"/>).</summary>
    public FusionOptions FusionOptions { get; init; } = FusionOptions.Default with { MfbOutputDim = FusionExperimentConfig.ExperimentMfbOutputDim };

    /// <summary>Seed of the question generation, fixed across model seeds (seeds vary the models only). 0.</summary>
    public int DataSeed { get; init; }

    /// <summary>Torch and encoder threads; null leaves torch's setting (encoders then use 1).</summary>
    public int? Threads { get; init; }

    /// <summary>Arithmetic of the image network for the images' pooled embeddings and spatial tokens (default: auto, as
    /// everywhere in the kit; <see cref="ImagePrecisionChoice"/>).</summary>
    public ImagePrecision ImagePrecision { get; init; } = ImagePrecision.Auto;

    /// <summary>Where the models and their batches live (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).
    /// Like the threads, not part of the settings a saved result must match.</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }

    /// <summary>Whether any compared method reads spatial tokens.</summary>
    public bool NeedsSpatial => Methods.Any(FusionExperiment.IsSpatial);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        foreach (var m in Methods)
            if (!FusionMethods.Names.Contains(m.Trim().ToLowerInvariant()))
                throw new ArgumentException($"Unknown fusion method '{m}'; use {string.Join(", ", FusionMethods.Names)}.");
        foreach (var e in TextEncoders)
            if (!FusionKit.Text.TextEncoders.Names.Contains(e))
                throw new ArgumentException($"Unknown question encoder '{e}'; use {string.Join(", ", FusionKit.Text.TextEncoders.Names)}.");
        if (TextEncoders.Count == 0) throw new ArgumentException("Name at least one question encoder.");
        if (QuestionsPerImage < 1) throw new ArgumentException($"QuestionsPerImage must be at least 1, got {QuestionsPerImage}.");
        if (TrainImagesPerClass is < 1) throw new ArgumentException($"TrainImagesPerClass must be at least 1 (or null for all), got {TrainImagesPerClass}.");
        if (MaxEpochs < 1 || Patience < 1 || BatchSize < 1) throw new ArgumentException("MaxEpochs, Patience and BatchSize must be at least 1.");
        foreach (var (model, setting) in ModelSettings)
        {
            if (!InteractionExperiment.TrainedModels.Contains(model))
                throw new ArgumentException($"ModelSettings names an unknown model '{model}'; use {string.Join(", ", InteractionExperiment.TrainedModels)}.");
            if (setting is null || setting.BatchSize < 1 || setting.Epochs < 1)
                throw new ArgumentException($"ModelSettings of '{model}': the batch size and epochs must be at least 1.");
        }
    }
}
