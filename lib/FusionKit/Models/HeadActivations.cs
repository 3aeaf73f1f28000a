using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models;

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
