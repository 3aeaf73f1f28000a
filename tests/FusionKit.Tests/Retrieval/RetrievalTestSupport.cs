using FusionKit.Platform;
using TorchSharp;

namespace FusionKit.Tests.Retrieval;

/// <summary>Deterministic weights that do not depend on torch's global RNG (other tests draw from it in parallel).</summary>
internal static class RetrievalTestSupport
{
    /// <summary>
    /// Overwrites every weight matrix with values from a seeded C# RNG, uniform in ±1/sqrt(fan_in); scalar
    /// parameters (the joint model's logit_scale) keep their initial value.
    /// </summary>
    public static T Reinitialize<T>(T module, int seed) where T : torch.nn.Module
    {
        TorchRuntime.EnsureReady();
        var random = new Random(seed);
        using var noGrad = torch.no_grad();
        foreach (var (_, p) in module.named_parameters())
        {
            if (p.dim() == 0) continue;
            var fanIn = p.dim() > 1 ? p.shape[1] : p.shape[0];
            var bound = 1.0 / Math.Sqrt(fanIn);
            var values = new float[p.numel()];
            for (var i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            using var t = torch.tensor(values, p.shape);
            p.copy_(t);
        }
        return module;
    }
}
