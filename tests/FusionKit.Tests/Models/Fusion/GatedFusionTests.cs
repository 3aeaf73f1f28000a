using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class GatedFusionTests
{
    public GatedFusionTests() => TorchRuntime.EnsureReady();

    /// <summary>H = 2. W_v = (1, 2)ᵀ, b_v = (0, −1); W_t = (1, −1)ᵀ, b_t = 0; W_z = [[1, −1], [0, 2]], b_z = (0, 0.5).</summary>
    private static GatedFusion Tiny()
    {
        var fusion = new GatedFusion(1, 1, 2);
        FusionTestKit.Set(fusion.ImageHidden, [1, 2], [0, -1]);
        FusionTestKit.Set(fusion.TextHidden, [1, -1], [0, 0]);
        FusionTestKit.Set(fusion.Gate, [1, -1, 0, 2], [0, 0.5f]);
        return fusion;
    }

    // x_v = 1, x_t = 0.5 (values from Python's math module):
    // h_v = tanh(1, 2*1 - 1) = (0.7615941559557649, 0.7615941559557649)
    // h_t = tanh(0.5, -0.5) = (0.46211715726000974, -0.46211715726000974)
    // z = σ(1 - 0.5, 2*0.5 + 0.5) = (0.6224593312018546, 0.8175744761936437)
    // h = z h_v + (1 - z) h_t = (0.6485294095785081, 0.538357978654613)
    // weights = (mean z, mean(1 - z)) = (0.7200169036977491, 0.27998309630225093)
    [Fact]
    public void Forward_MatchesTheHandComputedUnit()
    {
        using var fusion = Tiny();
        using var image = torch.tensor(new float[] { 1 }, 1, 1);
        using var text = torch.tensor(new float[] { 0.5f }, 1, 1);
        using var fused = fusion.call(image, text);
        var h = TorchTestSupport.Values(fused);
        Assert.Equal(0.6485294095785081, h[0], 5);
        Assert.Equal(0.538357978654613, h[1], 5);
        using var weights = fusion.ModalityWeights(image, text);
        var w = TorchTestSupport.Values(weights);
        Assert.Equal(0.7200169036977491, w[0], 5);
        Assert.Equal(0.27998309630225093, w[1], 5);
    }

    // A saturated gate picks one path: z -> 1 gives h = h_v = tanh(W_v x_v + b_v), z -> 0 gives h = h_t.
    // Catches a gate wired to the wrong tensor (Multimodal-Toolkit issue #9).
    [Theory]
    [InlineData(100f, true)]
    [InlineData(-100f, false)]
    public void SaturatedGate_PassesExactlyOneModality(float gateBias, bool imagePath)
    {
        using var fusion = new GatedFusion(4, 3, 5);
        using (torch.no_grad()) { fusion.Gate.weight!.zero_(); fusion.Gate.bias!.fill_(gateBias); }
        using var image = torch.randn(2, 4);
        using var text = torch.randn(2, 3);
        using var fused = fusion.call(image, text);
        using var expected = imagePath ? torch.tanh(fusion.ImageHidden.call(image)) : torch.tanh(fusion.TextHidden.call(text));
        Assert.True(fused.allclose(expected, atol: 1e-6));
        using var weights = fusion.ModalityWeights(image, text);
        Assert.Equal(imagePath ? new[] { 1f, 0f, 1f, 0f } : new[] { 0f, 1f, 0f, 1f }, TorchTestSupport.Values(weights));
    }

    [Fact]
    public void Gate_ReadsBothModalities()
    {
        using var fusion = new GatedFusion(4, 3, 5);
        using var image = torch.randn(2, 4);
        using var text = torch.randn(2, 3);
        using var otherText = torch.randn(2, 3);
        using var otherImage = torch.randn(2, 4);
        using var z = fusion.GateValues(image, text);
        using var zText = fusion.GateValues(image, otherText);
        using var zImage = fusion.GateValues(otherImage, text);
        Assert.False(z.allclose(zText));
        Assert.False(z.allclose(zImage));
        Assert.Equal(["image_hidden.weight", "image_hidden.bias", "text_hidden.weight", "text_hidden.bias", "gate.weight", "gate.bias"],
                     fusion.named_parameters().Select(p => p.name));
    }
}
