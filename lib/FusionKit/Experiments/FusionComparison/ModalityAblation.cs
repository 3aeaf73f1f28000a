
namespace FusionKit.Experiments.FusionComparison;

/// <summary>Test accuracy of a trained fusion model with both modalities, and with each one replaced by zeros.</summary>
public sealed record ModalityAblation(double Both, double ImageZeroed, double TextZeroed);
