using FusionKit.Models.Fusion;
using FusionKit.Platform;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Tests.Models.Fusion;

/// <summary>Small sizes shared by the fusion-family tests, and helpers to set weights by hand.</summary>
internal static class FusionTestKit
{
    public const int ImageDim = 6;
    public const int TextDim = 5;
    public const int Classes = 3;

    /// <summary>cross-attention reads 4 tokens of 3 values: image rows of 12.</summary>
    public const int TokenDim = 3;
    public const int Tokens = 4;

    /// <summary>Tiny settings so every method builds and trains in milliseconds.</summary>
    public static FusionOptions Options { get; } = FusionOptions.Default with
    {
        ProjectionDim = 8,
        GatedHiddenDim = 8,
        AttentionDim = 8,
        Heads = 2,
        ImageTokens = Tokens,
        MfbFactor = 2,
        MfbOutputDim = 6,
        ClassCount = Classes,
    };

    public static IEnumerable<object[]> AllMethods => FusionMethods.Names.Select(n => new object[] { n });

    /// <summary>Width of one image argument of the factory: the token width for cross-attention.</summary>
    public static int FactoryImageDim(string method) => method == FusionMethods.CrossAttention ? TokenDim : ImageDim;

    /// <summary>Width of one cached image row: T·D_tok for cross-attention.</summary>
    public static int RowImageDim(string method) => method == FusionMethods.CrossAttention ? Tokens * TokenDim : ImageDim;

    public static FusionClassifier Classifier(string method, int seed, FusionOptions? options = null) =>
        Training.TorchTestSupport.Reinitialize(
            FusionClassifier.Create(method, FactoryImageDim(method), TextDim, Classes, [7], options ?? Options), seed);

    /// <summary>Deterministic inputs that do not draw from torch's global RNG.</summary>
    public static Tensor Rows(int rows, int dim, int seed)
    {
        TorchRuntime.EnsureReady();
        var random = new Random(seed);
        var values = Enumerable.Range(0, rows * dim).Select(_ => (float)Training.TorchTestSupport.Gaussian(random)).ToArray();
        return torch.tensor(values, rows, dim);
    }

    public static void Set(Linear layer, float[] weight, float[]? bias = null)
    {
        using var noGrad = torch.no_grad();
        using (var w = torch.tensor(weight, layer.weight!.shape)) layer.weight.copy_(w);
        if (bias is not null)
            using (var b = torch.tensor(bias, layer.bias!.shape)) layer.bias.copy_(b);
    }
}
