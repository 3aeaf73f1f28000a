using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class BilinearFusionTests
{
    public BilinearFusionTests() => TorchRuntime.EnsureReady();

    // k = 2, o = 2, x_v = x_t = 1, no biases. U x_v = (1, 2, 1, -1), V x_t = (3, 1, 2, 6);
    // product (3, 2, 2, -6); sum-pool over windows of 2: (5, -4); signed sqrt: (sqrt 5, -2);
    // L2 norm sqrt(5 + 4) = 3 -> (sqrt(5)/3, -2/3) = (0.7453559924999299, -0.6666666666666666).
    [Fact]
    public void Forward_MatchesTheHandComputedMfb()
    {
        using var fusion = new BilinearFusion(1, 1, factor: 2, outputDim: 2);
        FusionTestKit.Set(fusion.ImageProjection, [1, 2, 1, -1], [0, 0, 0, 0]);
        FusionTestKit.Set(fusion.TextProjection, [3, 1, 2, 6], [0, 0, 0, 0]);
        using var one = torch.ones(1, 1);
        using var fused = fusion.call(one, one);
        var values = TorchTestSupport.Values(fused);
        Assert.Equal(0.7453559924999299, values[0], 5);
        Assert.Equal(-0.6666666666666666, values[1], 5);
    }

    [Fact]
    public void Output_IsL2Normalised()
    {
        using var fusion = new BilinearFusion(6, 5, factor: 5, outputDim: 16);
        using var image = torch.randn(7, 6);
        using var text = torch.randn(7, 5);
        using var fused = fusion.call(image, text);
        using var norms = fused.norm(1);
        Assert.True(norms.allclose(torch.ones(7), atol: 1e-5), string.Join(", ", TorchTestSupport.Values(norms)));
    }

    [Fact]
    public void Gradient_StaysFinite_WhereAPooledValueIsZero()
    {
        using var fusion = new BilinearFusion(1, 1, factor: 2, outputDim: 2);
        FusionTestKit.Set(fusion.ImageProjection, [1, 2, 1, 1], [0, 0, 0, 0]);
        FusionTestKit.Set(fusion.TextProjection, [3, 1, 0, 0], [0, 0, 0, 0]); // second output unit pools to exactly 0
        using var one = torch.ones(1, 1);
        using var fused = fusion.call(one, one);
        using var loss = fused.sum();
        loss.backward();
        Assert.All(fusion.parameters(), p => Assert.False(p.grad!.isnan().any().item<bool>() || p.grad.isinf().any().item<bool>()));
    }
}
