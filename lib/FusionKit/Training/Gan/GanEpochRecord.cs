using System.Globalization;

namespace FusionKit.Training.Gan;

/// <summary>One finished GAN epoch: mean losses and mean D probabilities on real-matched and generated pairs.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="DiscriminatorLoss">Mean L_D over the epoch's batches.</param>
/// <param name="GeneratorLoss">Mean L_G (including the GAN-INT term when on).</param>
/// <param name="RealScore">Mean σ(D(x, t)) on real images with their text.</param>
/// <param name="FakeScore">Mean σ(D(G(z, t), t)) on generated images, before D's step.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record GanEpochRecord(int Epoch, double DiscriminatorLoss, double GeneratorLoss, double RealScore, double FakeScore, double Seconds)
{
    /// <summary>"gan epoch 3/10: L_D 1.0312  L_G 1.8120  D(real) 0.62  D(fake) 0.31  (12.4 s)".</summary>
    public string Format(int totalEpochs) => string.Create(CultureInfo.InvariantCulture,
        $"gan epoch {Epoch}/{totalEpochs}: L_D {DiscriminatorLoss:F4}  L_G {GeneratorLoss:F4}  D(real) {RealScore:F2}  D(fake) {FakeScore:F2}  ({Seconds:F1} s)");
}
