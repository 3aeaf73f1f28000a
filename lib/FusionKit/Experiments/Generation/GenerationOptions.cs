using System.Text.Json.Serialization;
using FusionKit.Data;
using FusionKit.Platform;
using FusionKit.Training;
using FusionKit.Training.Gan;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// Settings of one text-to-image GAN run; the profile presets are <see cref="ForProfile"/>. Sizes and epochs
/// were chosen for 2 CPU cores from measured epoch times, and the defaults (projection discriminator, GAN-INT within a
/// class, resize convolutions, condition noise 1, mode seeking 0.1, 16 epochs of batch 32) by the judge's conditional
/// accuracy on TRAINING phrasings of single-seed runs on the default profile (README, generation section: each step's
/// figures); the held-out phrasings were reported, never used to choose.
/// </summary>
public sealed record GenerationOptions
{
    /// <summary>What G and D read.</summary>
    public GenerationConditioning Conditioning { get; init; } = GenerationConditioning.Text;

    /// <summary>Text encoder of the captions and prompts: "minilm" (default) or "wordvec" (<see cref="FusionKit.Text.TextEncoders"/>).</summary>
    public string TextEncoder { get; init; } = "minilm";

    /// <summary>Training images per class drawn (stratified, seeded) from Fashion-MNIST's training split; null = all 6,000.</summary>
    public int? TrainPerClass { get; init; } = 1000;

    /// <summary>GAN epochs. The default, 16 epochs of 10,000 images at batch 32 (5,008 steps), is sized to train within 15
    /// minutes on one core of a 2-core machine (the other trains the next model): measured for the text model at 533-556 s
    /// of CPU time (README, generation section). 8 epochs of batch 64 (1,256 steps), the earlier default, left the
    /// drawings too crude for the judge (conditional accuracy 0.25 on training phrasings).</summary>
    public int Epochs { get; init; } = 16;

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

    /// <summary>Weight of the mode-seeking regulariser (Mao et al. 2019; <see cref="GanTrainingConfig.ModeSeekingWeight"/>), 0 = off.
    /// Without it G draws one image per caption whatever z is.</summary>
    public double ModeSeekingWeight { get; init; } = 0.1;

    /// <summary>D reads the condition by projection (Miyato and Koyama 2018) rather than concatenation (<see cref="FusionKit.Models.Generation.GanArchitecture.ProjectionDiscriminator"/>).</summary>
    public bool ProjectionDiscriminator { get; init; } = true;

    /// <summary>Weight of D's auxiliary class head (TAC-GAN, Dash et al. 2017; <see cref="GanTrainingConfig.AuxiliaryClassifierWeight"/>)
    /// for the text and one-hot models; 0 = no class head. The unconditional baseline never has one (it has no class to draw).</summary>
    public double AuxiliaryClassifierWeight { get; init; }

    /// <summary>G doubles its maps by nearest-neighbour upsampling and a 3x3 conv rather than a transposed conv (<see cref="FusionKit.Models.Generation.GanArchitecture.ResizeConvolution"/>).</summary>
    public bool ResizeConvolution { get; init; } = true;

    /// <summary>Noise on the text conditions during training, in units of the captions' spread (<see cref="GanTrainingConfig.ConditionNoise"/>);
    /// the text model only (one-hot labels have no neighbourhood to learn), 0 = off.</summary>
    public double ConditionNoise { get; init; } = 1;

    /// <summary>GAN-INT interpolates between captions of one class (<see cref="GanTrainingConfig.InterpolateWithinClass"/>).</summary>
    public bool InterpolateWithinClass { get; init; } = true;

    /// <summary>Adam step size of G and D.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Images per step (32: twice DCGAN's steps per epoch; at this scale steps, not images, decided how crude the drawings stay).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Where the GAN, the latent encoder and the judge's classifiers train: auto (default: CUDA when TorchSharp
    /// sees one, else the CPU), cpu or cuda (<see cref="ComputeDevices.Resolve(ComputeDevice)"/>). Like the threads, not part of the settings a saved section must match.</summary>
    [JsonIgnore]
    public ComputeDevice Device { get; init; }

    /// <summary>torch intra-op threads (default 1: on a busy 2-core machine two OpenMP threads run several times slower than one); null keeps torch's setting.</summary>
    public int? Threads { get; init; } = 1;

    /// <summary>
    /// The preset of a run profile. Default: these defaults (1,000 images per class, 16 epochs of batch 32). Smoke: 50 images
    /// per class for 24 epochs of batch 16 (768 steps) without the mode-seeking term, about 50 s of CPU time per model:
    /// 64 steps of batch 64 left every drawing at chance for the judge, 768 steps draw garments its classifier names
    /// (training phrasings 0.56 on the smoke judge, seed 0; 30 epochs scored 0.58 at 62 s), and with mode seeking the smoke
    /// run's few steps scored lower (README, generation section).
    /// </summary>
    public static GenerationOptions ForProfile(RunProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Name == RunProfile.Smoke.Name
            ? new GenerationOptions { TrainPerClass = 50, Epochs = 24, BatchSize = 16, ModeSeekingWeight = 0 }
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
