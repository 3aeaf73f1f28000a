using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Fusion;

/// <summary>Non-linearity σ between the head's layers, Z_l = σ(W_l Z_{l-1} + b_l).</summary>
public enum HeadActivation
{
    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>1 / (1 + e^-x), the paper's σ.</summary>
    Sigmoid,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>x Φ(x), exact (erf) form.</summary>
    GELU,
}

/// <summary>Parsing and module construction for <see cref="HeadActivation"/>.</summary>
public static class HeadActivations
{
    /// <summary>Names accepted by <see cref="Parse"/> (case-insensitive).</summary>
    public static IReadOnlyList<string> Names { get; } = ["relu", "sigmoid", "tanh", "gelu"];

    /// <summary>Reads "relu", "sigmoid", "tanh" or "gelu" (any case).</summary>
    /// <exception cref="ArgumentException">Any other name; the message lists the accepted ones.</exception>
    public static HeadActivation Parse(string name) => name.ToLowerInvariant() switch
    {
        "relu" => HeadActivation.ReLU,
        "sigmoid" => HeadActivation.Sigmoid,
        "tanh" => HeadActivation.Tanh,
        "gelu" => HeadActivation.GELU,
        _ => throw new ArgumentException($"Unknown activation '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };

    internal static nn.Module<Tensor, Tensor> CreateModule(HeadActivation activation) => activation switch
    {
        HeadActivation.ReLU => nn.ReLU(),
        HeadActivation.Sigmoid => nn.Sigmoid(),
        HeadActivation.Tanh => nn.Tanh(),
        HeadActivation.GELU => nn.GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
