using System.Globalization;
using System.Text.Json.Serialization;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>
/// One fusion run, every default in this one place; change one with <c>FusionExperimentConfig.Quick with { Method = "late" }</c>.
/// <see cref="Quick"/> (batch 256, 3 epochs) retrains in seconds on cached embeddings; <see cref="Paper"/> uses the
/// case study's batch of 32.
/// </summary>
public sealed record FusionExperimentConfig
{
    /// <summary>Batch 256, 3 epochs: the interactive path.</summary>
    public static FusionExperimentConfig Quick { get; } = new();

    /// <summary>The case study's batch size of 32 (otherwise as <see cref="Quick"/>).</summary>
    public static FusionExperimentConfig Paper { get; } = new() { BatchSize = 32 };

    /// <summary>A fusion method (<see cref="FusionExperiment.Methods"/>) or a baseline: <see cref="FusionExperiment.ImageOnly"/>,
    /// <see cref="FusionExperiment.TextOnly"/>.</summary>
    public string Method { get; init; } = FusionMethods.Gated;

    /// <summary>Hidden widths of the classifier head (for <c>late</c>: of each per-modality classifier).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [256];

    /// <summary>Unit dropout inside the head, in [0, 1).</summary>
    public double Dropout { get; init; }

    /// <summary>weighted only: fixed (image, text) weights summing to 1; null learns them.</summary>
    public (double Image, double Text)? FixedWeights { get; init; }

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Chance that a training sample loses one modality (<see cref="FusionKit.Models.Fusion.ModalityDropout"/>); 0 = off.</summary>
    public double ModalityDropout { get; init; }

    /// <summary>How reliable the simulated side text is (<see cref="SideTextGenerator"/>).</summary>
    public SideTextReliability Reliability { get; init; } = SideTextReliability.High;

    /// <summary>Seed of the model's initial weights and of the batch order.</summary>
    public int Seed { get; init; }

    /// <summary>Seed of the simulated side texts (fixed across model seeds, so seeds vary the model only).</summary>
    public int TextSeed { get; init; }

    /// <summary>Text encoder of the side texts (<see cref="TextEncoders.Names"/>).</summary>
    public string TextEncoder { get; init; } = "minilm";

    /// <summary>
    /// Bilinear (MFB) output width o of these experiments: 128 instead of Yu et al.'s 1000 (chosen for VQA's 3,000
    /// answers; the module's own default), for training cost, not accuracy. Validation accuracy only
    /// (<see cref="FusionExperiment.ValidationAccuracy"/> under <see cref="ModelSelection.ChooseOnValidation"/>; smoke
    /// profile, 100 validation images, quick path, 2 threads, seeds 0-2, mean ± std): o = 128 0.920 ± 0.010,
    /// o = 256 0.910 ± 0.017, o = 1000 0.930 ± 0.010; one validation image is 0.010, so the three do not differ
    /// measurably, while o = 1000 trains 1.5-5x longer than o = 128 (shared machine). k = 5 as in the paper.
    /// </summary>
    public const int ExperimentMfbOutputDim = 128;

    /// <summary>Method-specific settings (projection widths, MFB factor and output width, ...). Its
    /// <see cref="FusionOptions.FixedWeights"/>, <see cref="FusionOptions.ModalityDropout"/> and
    /// <see cref="FusionOptions.ClassCount"/> are replaced by this record's own settings and the data's class count.</summary>
    public FusionOptions FusionOptions { get; init; } = FusionOptions.Default with { MfbOutputDim = ExperimentMfbOutputDim };

    /// <summary>
    /// Training images per class (a stratified subset, <see cref="FusionSubset"/>; validation shrinks in proportion,
    /// test stays whole); null = all of the profile's. Cross-attention defaults to <see cref="SpatialTrainPerClass"/>.
    /// </summary>
    public int? TrainPerClass { get; init; }

    /// <summary>
    /// Cross-attention's default training subset: it reads 49 tokens of 512 floats per image (about 100 KB), so the
    /// whole training set would need about 5 GB of memory twice over; 1,000 images per class (about 1 GB, plus the
    /// whole test set, 1 GB) train in seconds. Set <see cref="TrainPerClass"/> to use more.
    /// </summary>
    public const int SpatialTrainPerClass = 1000;

    /// <summary><see cref="TrainPerClass"/>, or for cross-attention <see cref="SpatialTrainPerClass"/> when unset.</summary>
    public int? EffectiveTrainPerClass =>
        TrainPerClass ?? (FusionExperiment.IsSpatial(Method) ? SpatialTrainPerClass : null);

    /// <summary>Torch threads for training; null leaves torch's setting.</summary>
    public int? Threads { get; init; }

    /// <summary>Where the model and its batches live (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }

    /// <summary>The settings other than method, reliability and seeds, e.g. "hidden=256 dropout=0 lr=0.001 epochs=3 batch=256".</summary>
    public string DescribeParameters()
    {
        var c = CultureInfo.InvariantCulture;
        var text = string.Format(c, "hidden={0} dropout={1} lr={2} epochs={3} batch={4}",
            HiddenSizes.Count == 0 ? "none" : string.Join('-', HiddenSizes), Dropout, LearningRate, Epochs, BatchSize);
        if (ModalityDropout > 0) text += string.Format(c, " moddrop={0}", ModalityDropout);
        if (FixedWeights is { } w) text += string.Format(c, " weights={0}/{1}", w.Image, w.Text);
        if (EffectiveTrainPerClass is { } perClass) text += string.Format(c, " train/class={0}", perClass);
        if (string.Equals(Method, FusionMethods.Bilinear, StringComparison.OrdinalIgnoreCase))
            text += string.Format(c, " mfb={0}x{1}", FusionOptions.MfbFactor, FusionOptions.MfbOutputDim);
        return text;
    }

    /// <summary>"0.8/0.1/0.1": true-class / confusable / uninformative fractions of the side text.</summary>
    public static string DescribeReliability(SideTextReliability r) =>
        string.Format(CultureInfo.InvariantCulture, "{0:0.###}/{1:0.###}/{2:0.###}", r.TrueClass, r.ConfusableClass, r.Uninformative);
}
