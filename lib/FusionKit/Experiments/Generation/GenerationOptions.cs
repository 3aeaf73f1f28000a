using System.Text.Json.Serialization;
using FusionKit.Data;
using FusionKit.Platform;
using FusionKit.Training;
using FusionKit.Training.Gan;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// Settings of one text-to-image GAN run; the profile presets are <see cref="ForProfile"/>. Sizes and epochs
/// were chosen for 2 CPU cores from measured epoch times (README, generation section).
/// </summary>
public sealed record GenerationOptions
{
    /// <summary>What G and D read.</summary>
    public GenerationConditioning Conditioning { get; init; } = GenerationConditioning.Text;

    /// <summary>Text encoder of the captions and prompts: "minilm" (default) or "wordvec" (<see cref="FusionKit.Text.TextEncoders"/>).</summary>
    public string TextEncoder { get; init; } = "minilm";

    /// <summary>Training images per class drawn (stratified, seeded) from Fashion-MNIST's training split; null = all 6,000.</summary>
    public int? TrainPerClass { get; init; } = 1000;

    /// <summary>GAN epochs. The default, 8 epochs of 10,000 images (1,256 steps), is sized to train within 15 minutes on 2
    /// cores: measured (text model, seed 0, 1 thread, with the image encoder's 2 epochs) at 283 s of CPU time, 20 min 21 s
    /// wall time on a 2-core machine shared at a load average of 12-35 (README, generation section).</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Epochs of the image-to-latent encoder trained after the GAN (0 = none).</summary>
    public int EncoderEpochs { get; init; } = 2;

    /// <summary>Seeds the data subset, the captions, the weights and the training.</summary>
    public int Seed { get; init; }

    /// <summary>Width of the noise z.</summary>
    public int LatentDim { get; init; } = 64;

    /// <summary>Channels of G's 7x7 map.</summary>
    public int GeneratorWidth { get; init; } = 64;

    /// <summary>Channels of D's 14x14 map.</summary>
    public int DiscriminatorWidth { get; init; } = 32;

    /// <summary>Weight of the mode-seeking regulariser (Mao et al. 2019; <see cref="GanTrainingConfig.ModeSeekingWeight"/>), 0 = off.</summary>
    public double ModeSeekingWeight { get; init; } = 0.1;

    /// <summary>D reads the condition by projection (Miyato and Koyama 2018) rather than concatenation (<see cref="FusionKit.Models.Generation.GanArchitecture.ProjectionDiscriminator"/>).</summary>
    public bool ProjectionDiscriminator { get; init; }

    /// <summary>Weight of D's auxiliary class head (TAC-GAN, Dash et al. 2017; <see cref="GanTrainingConfig.AuxiliaryClassifierWeight"/>)
    /// for the text and one-hot models; 0 = no class head. The unconditional baseline never has one (it has no class to draw).</summary>
    public double AuxiliaryClassifierWeight { get; init; }

    /// <summary>G doubles its maps by nearest-neighbour upsampling and a 3x3 conv rather than a transposed conv (<see cref="FusionKit.Models.Generation.GanArchitecture.ResizeConvolution"/>).</summary>
    public bool ResizeConvolution { get; init; }

    /// <summary>Noise on the text conditions during training, in units of the captions' spread (<see cref="GanTrainingConfig.ConditionNoise"/>);
    /// the text model only (one-hot labels have no neighbourhood to learn), 0 = off.</summary>
    public double ConditionNoise { get; init; }

    /// <summary>GAN-INT interpolates between captions of one class (<see cref="GanTrainingConfig.InterpolateWithinClass"/>).</summary>
    public bool InterpolateWithinClass { get; init; }

    /// <summary>Adam step size of G and D.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Where the GAN, the latent encoder and the judge's classifiers train: auto (default: CUDA when TorchSharp
    /// sees one, else the CPU), cpu or cuda (<see cref="ComputeDevices.Resolve(ComputeDevice)"/>). Like the threads, not part of the settings a saved section must match.</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }

    /// <summary>torch intra-op threads (default 1: on a busy 2-core machine two OpenMP threads run several times slower than one); null keeps torch's setting.</summary>
    public int? Threads { get; init; } = 1;

    /// <summary>The preset of a run profile: smoke trains on 100 images per class for 12 epochs; default on 1,000 per class for 8.</summary>
    public static GenerationOptions ForProfile(RunProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Name == RunProfile.Smoke.Name
            ? new GenerationOptions { TrainPerClass = 100, Epochs = 12, EncoderEpochs = 2 }
            : new GenerationOptions();
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (TrainPerClass is < 2) throw new ArgumentException($"{nameof(TrainPerClass)} must be at least 2 (or null for all), got {TrainPerClass}.");
        if (Epochs < 1) throw new ArgumentException($"{nameof(Epochs)} must be at least 1, got {Epochs}.");
        if (EncoderEpochs < 0) throw new ArgumentException($"{nameof(EncoderEpochs)} must be >= 0, got {EncoderEpochs}.");
        if (!FusionKit.Text.TextEncoders.Names.Contains(TextEncoder)) throw new ArgumentException($"Unknown text encoder '{TextEncoder}': use one of {string.Join(", ", FusionKit.Text.TextEncoders.Names)}.");
        Architecture(1, 10).Validate();
        TrainingConfig().Validate();
    }

    /// <summary>The network sizes for a condition of width <paramref name="conditionDim"/> (0: unconditional) and
    /// <paramref name="classes"/> classes in the training images (D's class head, when <see cref="AuxiliaryClassifierWeight"/> &gt; 0).</summary>
    public FusionKit.Models.Generation.GanArchitecture Architecture(int conditionDim, int classes) =>
        new(conditionDim, LatentDim, GeneratorWidth: GeneratorWidth, DiscriminatorWidth: DiscriminatorWidth, ProjectionDiscriminator: ProjectionDiscriminator,
            AuxiliaryClasses: conditionDim > 0 && AuxiliaryClassifierWeight > 0 ? classes : 0, ResizeConvolution: ResizeConvolution);

    /// <summary>The trainer's settings (checkpoint folder set by the caller).</summary>
    public GanTrainingConfig TrainingConfig(string? checkpointDirectory = null) => new()
    {
        Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, InterpolateWithinClass = InterpolateWithinClass, AuxiliaryClassifierWeight = AuxiliaryClassifierWeight,
        ConditionNoise = Conditioning == GenerationConditioning.Text ? ConditionNoise : 0, Seed = Seed, ModeSeekingWeight = ModeSeekingWeight, Device = Device, Threads = Threads, CheckpointDirectory = checkpointDirectory,
    };
}
