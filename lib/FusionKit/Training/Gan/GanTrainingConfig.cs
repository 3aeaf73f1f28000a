using FusionKit.Platform;

namespace FusionKit.Training.Gan;

/// <summary>
/// Settings of a conditional GAN run with DCGAN's optimiser defaults (Radford et al. 2016: Adam, lr 2e-4,
/// β1 0.5, batch 64) and Reed et al. 2016's two additions switched on: GAN-CLS (mismatched text scored as fake)
/// and GAN-INT (G also trained on interpolated conditions β t1 + (1 − β) t2, β = 0.5).
/// </summary>
public sealed record GanTrainingConfig
{
    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam step size of G and D.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam β1 (DCGAN: 0.5; β2 stays 0.999).</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Seeds the weights (build the models after <c>torch.manual_seed(Seed)</c>), the noise, the mismatched
    /// and interpolated pairs, and the per-epoch order (<see cref="EpochShuffle"/>).</summary>
    public long Seed { get; init; }

    /// <summary>GAN-CLS: add D's third term, real image with another class's condition scored as fake (conditional GANs only).</summary>
    public bool MismatchedConditions { get; init; } = true;

    /// <summary>GAN-INT: add G's term on interpolated conditions (conditional GANs only).</summary>
    public bool InterpolatedConditions { get; init; } = true;

    /// <summary>GAN-INT's partners: false pairs each caption with another row of the batch (Reed et al. 2016; here that is
    /// mostly another class, so G is also trained to draw class hybrids that no real image shows); true pairs it with a
    /// caption of its own class drawn uniformly (a paraphrase), so GAN-INT fills the text space between phrasings of one
    /// garment, where held-out phrasings lie. Needs more than one condition per class (one-hot: the term is skipped).</summary>
    public bool InterpolateWithinClass { get; init; }

    /// <summary>β of GAN-INT's interpolation.</summary>
    public double InterpolationWeight { get; init; } = 0.5;

    /// <summary>Weight λ of the mode-seeking regulariser (Mao et al. 2019, <see cref="FusionKit.Models.Generation.MatchingAwareLoss.ModeSeeking"/>)
    /// added to G's loss: each step G also draws the batch's conditions from a second noise batch and is penalised
    /// as its drawings stop depending on z. 0 = off. Mao et al. use λ = 1; here, on the smoke profile (1,000 images,
    /// 12 epochs), λ = 1 turned G's drawings into pixel noise for the first five epochs (noise is the cheapest way to
    /// differ), while λ = 0.1 gave garments that vary with z from epoch 3 on (README, generation section), hence 0.1.
    /// Conditional GANs only: an unconditional G already has to spread its drawings over the whole data set.</summary>
    public double ModeSeekingWeight { get; init; } = 0.1;

    /// <summary>Weight of the auxiliary classifier's cross-entropy terms (AC-GAN, Odena et al. 2017; TAC-GAN, Dash et al. 2017),
    /// used when D has a class head (<see cref="FusionKit.Models.Generation.GanArchitecture.AuxiliaryClasses"/>): D learns to
    /// name the class of real images, G to draw images that D's head names as the class of their condition. D's head is
    /// not trained on generated images (AC-GAN's fake term lets D excuse drawings it can classify, and G then favours
    /// easily classified ones; Gong et al. 2019, "Twin Auxiliary Classifiers GAN", section 3).</summary>
    public double AuxiliaryClassifierWeight { get; init; } = 1;

    /// <summary>Standard deviation of Gaussian noise added to every condition row a training step reads (G's, D's matched,
    /// mismatched and interpolated ones), in units of the training conditions' spread (the root mean per-dimension
    /// variance that <see cref="FusionKit.Models.Generation.ConditionProjection"/> divides by). A few dozen captions leave
    /// most directions of the text space unseen; noise teaches both networks to read a neighbourhood of each caption
    /// rather than the point, the aim of StackGAN's conditioning augmentation (Zhang et al. 2017, section 3.1), so a
    /// paraphrase never seen in training is drawn like the captions near it. 0 = off.</summary>
    public double ConditionNoise { get; init; }

    /// <summary>Target of D's real-matched term: 0.9 is one-sided label smoothing (Salimans et al. 2016), 1 is none.</summary>
    public double RealTarget { get; init; } = 0.9;

    /// <summary>Folder for the per-epoch checkpoint; a run finding one there resumes from it. Null = off.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Where both networks and their batches live: auto (default: CUDA where TorchSharp sees a GPU, otherwise the
    /// CPU), cpu or cuda; see <see cref="ComputeDevices.Resolve(ComputeDevice)"/>.</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>torch intra-op threads; null keeps torch's current setting.</summary>
    public int? Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"{nameof(Epochs)} must be at least 1, got {Epochs}.");
        if (BatchSize < 2) throw new ArgumentException($"{nameof(BatchSize)} must be at least 2 (batch norm), got {BatchSize}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"{nameof(LearningRate)} must be a positive number, got {LearningRate}.");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"{nameof(Beta1)} must be in [0, 1), got {Beta1}.");
        if (!(InterpolationWeight >= 0 && InterpolationWeight <= 1)) throw new ArgumentException($"{nameof(InterpolationWeight)} must be in [0, 1], got {InterpolationWeight}.");
        if (!(RealTarget > 0.5 && RealTarget <= 1)) throw new ArgumentException($"{nameof(RealTarget)} must be in (0.5, 1], got {RealTarget}.");
        if (!(ModeSeekingWeight >= 0) || double.IsInfinity(ModeSeekingWeight)) throw new ArgumentException($"{nameof(ModeSeekingWeight)} must be a finite number >= 0, got {ModeSeekingWeight}.");
        if (!(ConditionNoise >= 0) || double.IsInfinity(ConditionNoise)) throw new ArgumentException($"{nameof(ConditionNoise)} must be a finite number >= 0, got {ConditionNoise}.");
        if (!(AuxiliaryClassifierWeight >= 0) || double.IsInfinity(AuxiliaryClassifierWeight)) throw new ArgumentException($"{nameof(AuxiliaryClassifierWeight)} must be a finite number >= 0, got {AuxiliaryClassifierWeight}.");
        if (Threads is < 1) throw new ArgumentException($"{nameof(Threads)} must be at least 1 (or null), got {Threads}.");
    }
}
