namespace FusionKit.Experiments.Generation;

/// <summary>What the GAN is conditioned on; the two baselines use the same networks as the text model.</summary>
public enum GenerationConditioning
{
    /// <summary>The text embedding of a caption (Reed et al. 2016, GAN-CLS + GAN-INT).</summary>
    Text,

    /// <summary>Baseline: a one-hot class label (a class-conditional GAN with the matching-aware D); cannot read unseen phrasings.</summary>
    OneHot,

    /// <summary>Baseline: no condition at all (plain DCGAN).</summary>
    Unconditional,
}
