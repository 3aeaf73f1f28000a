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

    private static Tensor Bce(Tensor logits, float target) =>
        nn.functional.binary_cross_entropy_with_logits(logits, full_like(logits, target));
}
