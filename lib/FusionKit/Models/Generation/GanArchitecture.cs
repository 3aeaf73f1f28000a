namespace FusionKit.Models.Generation;

/// <summary>
/// Sizes of the conditional DCGAN (Radford et al. 2016) at Fashion-MNIST's 28x28: G maps [z ; proj(c)] to a
/// 7x7 map and upsamples twice (7 -> 14 -> 28); D downsamples twice (28 -> 14 -> 7), joins the projected
/// condition replicated over the 7x7 grid (Reed et al. 2016, section 4.1) and scores with a 1x1 conv and a linear
/// layer. The defaults (z 64, condition 128, G 64/32 channels, D 32/64) were chosen for 2 CPU cores: a forward pass
/// of G is about 2.4 M multiply-adds per image and of D about 2.3 M; a training step runs G twice (GAN-INT) and D five
/// times (GAN-CLS), so about 0.1 GFLOP per image with the backward passes. The README's generation section gives
/// the measured times.
/// </summary>
/// <param name="ConditionDim">Width of the condition vector c: the text embedding (384 for MiniLM), 10 for one-hot
/// labels, 0 for an unconditional GAN.</param>
/// <param name="LatentDim">Width of the noise z.</param>
/// <param name="ProjectedDim">Width of the condition after its linear projection and LeakyReLU (Reed et al.: 128).</param>
/// <param name="GeneratorWidth">Channels of G's 7x7 map; its 14x14 map has half as many.</param>
/// <param name="DiscriminatorWidth">Channels of D's 14x14 map; its 7x7 map has twice as many.</param>
/// <param name="ProjectionDiscriminator">How D reads the condition: false joins the projected condition to its 7x7 map
/// by depth concatenation (Reed et al. 2016); true adds the projection term of Miyato and Koyama 2018 ("cGANs with
/// Projection Discriminator"), the inner product of the embedded condition with D's pooled image features
/// (<see cref="MatchingAwareDiscriminator"/>). Only D changes: a generator is the same either way.</param>
/// <param name="AuxiliaryClasses">0, or the number of classes D also tells apart from the image alone (an auxiliary
/// classifier: AC-GAN, Odena et al. 2017, with text conditions TAC-GAN, Dash et al. 2017): a linear layer on D's 7x7
/// image features, before the condition joins them, so it cannot read the class off the text. The trainer then adds a
/// cross-entropy term to both losses (weighted by the GAN trainer's AuxiliaryClassifierWeight).
/// Only D changes.</param>
/// <param name="ResizeConvolution">How G doubles its maps: false with DCGAN's transposed convolutions (4x4, stride 2), true
/// with nearest-neighbour upsampling followed by a 3x3 convolution (Odena et al. 2016, "Deconvolution and Checkerboard
/// Artifacts"): a stride-2 transposed convolution's kernel overlaps unevenly, which paints a dotted grid on the drawings
/// that ResNet18's features (and so the judge) read as texture. About twice G's multiply-adds. Only G changes.</param>
public sealed record GanArchitecture(int ConditionDim, int LatentDim = 64, int ProjectedDim = 128, int GeneratorWidth = 64, int DiscriminatorWidth = 32,
                                     bool ProjectionDiscriminator = false, int AuxiliaryClasses = 0, bool ResizeConvolution = false)
{
    /// <summary>Image side in pixels (Fashion-MNIST's).</summary>
    public const int ImageSize = 28;

    /// <summary>True when G and D read a condition (ConditionDim &gt; 0).</summary>
    public bool IsConditional => ConditionDim > 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first size out of range.</summary>
    public void Validate()
    {
        if (ConditionDim < 0) throw new ArgumentException($"{nameof(ConditionDim)} must be >= 0, got {ConditionDim}.");
        if (LatentDim < 1) throw new ArgumentException($"{nameof(LatentDim)} must be at least 1, got {LatentDim}.");
        if (ProjectedDim < 1) throw new ArgumentException($"{nameof(ProjectedDim)} must be at least 1, got {ProjectedDim}.");
        if (GeneratorWidth < 2 || GeneratorWidth % 2 != 0) throw new ArgumentException($"{nameof(GeneratorWidth)} must be an even number >= 2, got {GeneratorWidth}.");
        if (DiscriminatorWidth < 1) throw new ArgumentException($"{nameof(DiscriminatorWidth)} must be at least 1, got {DiscriminatorWidth}.");
        if (AuxiliaryClasses is < 0 or 1) throw new ArgumentException($"{nameof(AuxiliaryClasses)} must be 0 (none) or at least 2, got {AuxiliaryClasses}.");
    }
}
