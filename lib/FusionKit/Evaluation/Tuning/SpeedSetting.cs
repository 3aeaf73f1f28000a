using System.Globalization;

namespace FusionKit.Evaluation.Tuning;

/// <summary>A training setting that trades time against accuracy: rows per optimizer step and passes over the data.</summary>
/// <param name="BatchSize">Rows per optimizer step.</param>
/// <param name="Epochs">Passes over the training rows.</param>
public sealed record SpeedSetting(int BatchSize, int Epochs)
{
    /// <summary>Every pair of <paramref name="batchSizes"/> and <paramref name="epochs"/>, batch sizes outer, each once.</summary>
    /// <exception cref="ArgumentException">An empty list or a value below 1 (named).</exception>
    public static IReadOnlyList<SpeedSetting> Grid(IReadOnlyList<int> batchSizes, IReadOnlyList<int> epochs)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentNullException.ThrowIfNull(epochs);
        if (batchSizes.Count == 0 || batchSizes.Any(b => b < 1)) throw new ArgumentException("Give at least one batch size, each at least 1.", nameof(batchSizes));
        if (epochs.Count == 0 || epochs.Any(e => e < 1)) throw new ArgumentException("Give at least one epoch count, each at least 1.", nameof(epochs));
        return batchSizes.Distinct().SelectMany(b => epochs.Distinct().Select(e => new SpeedSetting(b, e))).ToArray();
    }

    /// <summary>"batch 64 x 10 epochs".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"batch {BatchSize} x {Epochs} epochs");
}
