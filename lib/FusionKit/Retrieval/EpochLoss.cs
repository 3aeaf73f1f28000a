using System.Globalization;

namespace FusionKit.Retrieval;

/// <summary>One finished epoch of a retrieval or zero-shot training loop.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch's rows.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochLoss(int Epoch, double Loss, double Seconds)
{
    /// <summary>"epoch 3/10  loss 0.4321  (1.2 s)".</summary>
    public string Format(int epochs) => string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}/{epochs}  loss {Loss:F4}  ({Seconds:F1} s)");
}
