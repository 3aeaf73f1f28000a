using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models;

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
