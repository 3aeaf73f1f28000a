using static TorchSharp.torch;

namespace FusionKit.Models.Generation;

/// <summary>
/// The GAN-CLS objective of Reed et al. 2016 (Algorithm 1), on discriminator logits with s = σ(logit):
/// L_D = −log s_r − ½ (log(1 − s_w) + log(1 − s_f)), where s_r scores real images with their own text, s_w real
/// images with mismatched text and s_f generated images with their text, so D learns to reject a real image
/// whose text does not match. Without mismatched pairs (an unconditional GAN, or GAN-CLS off) it is DCGAN's
/// L_D = −log s_r − log(1 − s_f). G minimises the non-saturating −log s_f (Goodfellow et al. 2014, section 3).
/// Every term is a batch mean, computed stably from logits (binary cross-entropy with logits).
/// </summary>
public static class MatchingAwareLoss
{
    /// <summary>L_D from logits of real-matched (B), real-mismatched (B, or null) and generated (B) pairs.
    /// <paramref name="realTarget"/> below 1 is one-sided label smoothing (Salimans et al. 2016, section 3.4): the
    /// real-matched term's target becomes e.g. 0.9, so D cannot grow arbitrarily confident; the fake terms keep 0.</summary>
    public static Tensor Discriminator(Tensor realMatched, Tensor? realMismatched, Tensor fake, float realTarget = 1f)
    {
        ArgumentNullException.ThrowIfNull(realMatched);
        ArgumentNullException.ThrowIfNull(fake);
        using var scope = NewDisposeScope();
        var real = Bce(realMatched, realTarget);
        var loss = realMismatched is null
            ? real + Bce(fake, 0f)
            : real + 0.5 * (Bce(realMismatched, 0f) + Bce(fake, 0f));
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>L_G = −log σ(logit) averaged over generated images (B).</summary>
    public static Tensor Generator(Tensor fake)
    {
        ArgumentNullException.ThrowIfNull(fake);
        using var scope = NewDisposeScope();
        return Bce(fake, 1f).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The mode-seeking regulariser of Mao et al. 2019 ("Mode Seeking Generative Adversarial Networks for Diverse
    /// Image Synthesis", equation 3, as in their DCGAN code): with two drawings under the same conditions from two
    /// noise batches, r = mean|G(z1, c) − G(z2, c)| / mean|z1 − z2| (means over every value of the batch) and the
    /// loss G minimises is 1 / (r + ε), ε = 1e-5. It grows without bound as G stops reading z, so G cannot draw one
    /// image per condition.
    /// </summary>
    /// <param name="fake1">Drawings (B, ...) from <paramref name="z1"/>.</param>
    /// <param name="fake2">Drawings (B, ...) from <paramref name="z2"/> under the same conditions, row for row.</param>
    /// <param name="z1">Noise (B, L).</param>
    /// <param name="z2">Noise (B, L).</param>
    public static Tensor ModeSeeking(Tensor fake1, Tensor fake2, Tensor z1, Tensor z2)
    {
        ArgumentNullException.ThrowIfNull(fake1);
        ArgumentNullException.ThrowIfNull(fake2);
        ArgumentNullException.ThrowIfNull(z1);
        ArgumentNullException.ThrowIfNull(z2);
        using var scope = NewDisposeScope();
        var ratio = (fake1 - fake2).abs().mean() / (z1 - z2).abs().mean();      // ()
        return (1.0 / (ratio + ModeSeekingEpsilon)).MoveToOuterDisposeScope();
    }

    /// <summary>ε of <see cref="ModeSeeking"/> (Mao et al.'s code: 1e-5).</summary>
    public const double ModeSeekingEpsilon = 1e-5;

    private static Tensor Bce(Tensor logits, float target) =>
        nn.functional.binary_cross_entropy_with_logits(logits, full_like(logits, target));
}
