using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class WeightedSumFusionTests
{
    public WeightedSumFusionTests() => TorchRuntime.EnsureReady();

    /// <summary>W_img = I, b_img = 0; W_txt = diag(2, 1), b_txt = (1, 0).</summary>
    private static WeightedSumFusion Tiny((double, double)? fixedWeights)
    {
        var fusion = new WeightedSumFusion(2, 2, 2, fixedWeights);
        FusionTestKit.Set(fusion.ImageProjection, [1, 0, 0, 1], [0, 0]);
        FusionTestKit.Set(fusion.TextProjection, [2, 0, 0, 1], [1, 0]);
        return fusion;
    }

    // x_img = (1, 2) -> W_img x = (1, 2); x_txt = (3, -1) -> W_txt x + b = (2*3 + 1, -1) = (7, -1).
    // Fixed 0.7/0.3: 0.7*(1, 2) + 0.3*(7, -1) = (0.7 + 2.1, 1.4 - 0.3) = (2.8, 1.1).
    [Fact]
    public void FixedWeights_GiveTheHandWeightedSum()
    {
        using var fusion = Tiny((0.7, 0.3));
        using var image = torch.tensor(new float[] { 1, 2 }, 1, 2);
        using var text = torch.tensor(new float[] { 3, -1 }, 1, 2);
        using var fused = fusion.call(image, text);
        var values = TorchTestSupport.Values(fused);
        Assert.Equal(2.8, values[0], 5);
        Assert.Equal(1.1, values[1], 5);
        using var weights = fusion.ModalityWeights(image, text);
        Assert.Equal(new[] { 0.7f, 0.3f }, TorchTestSupport.Values(weights));
        Assert.Null(fusion.ModalityLogits);
        Assert.Equal(4, fusion.named_parameters().Count()); // the two projections only: fixed weights are not learned
    }

    // Learned logits (ln 3, 0): softmax = (3/4, 1/4). 0.75*(1, 2) + 0.25*(7, -1) = (0.75 + 1.75, 1.5 - 0.25) = (2.5, 1.25).
    [Fact]
    public void LearnedWeights_AreTheSoftmaxOfTheLogits()
    {
        using var fusion = Tiny(null);
        using (torch.no_grad())
        using (var logits = torch.tensor(new[] { (float)Math.Log(3), 0f }))
            fusion.ModalityLogits!.copy_(logits);
        using var image = torch.tensor(new float[] { 1, 2, 1, 2 }, 2, 2);
        using var text = torch.tensor(new float[] { 3, -1, 3, -1 }, 2, 2);
        using var fused = fusion.call(image, text);
        var values = TorchTestSupport.Values(fused);
        Assert.Equal(2.5, values[0], 5);
        Assert.Equal(1.25, values[1], 5);
        using var weights = fusion.ModalityWeights(image, text);
        Assert.Equal(new long[] { 2, 2 }, weights.shape);
        var w = TorchTestSupport.Values(weights);
        Assert.Equal(0.75, w[0], 6);
        Assert.Equal(0.25, w[1], 6);
        Assert.Equal(0.75, w[2], 6);
    }

    [Fact]
    public void LearnedWeights_StartEqual()
    {
        using var fusion = new WeightedSumFusion(3, 4, 5);
        using var image = torch.randn(2, 3);
        using var text = torch.randn(2, 4);
        using var weights = fusion.ModalityWeights(image, text);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f }, TorchTestSupport.Values(weights)); // softmax(0, 0)
    }

    [Fact]
    public void FixedWeights_OnRandomWeights_EqualTheSumOfTheModulesOwnProjections()
    {
        using var fusion = new WeightedSumFusion(6, 5, 4, (0.7, 0.3));
        using var image = torch.randn(3, 6);
        using var text = torch.randn(3, 5);
        using var fused = fusion.call(image, text);
        using var img = fusion.ImageProjection.call(image);
        using var txt = fusion.TextProjection.call(text);
        using var expected = 0.7 * img + 0.3 * txt;
        Assert.True(fused.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData(0.7, 0.4)]
    [InlineData(-0.1, 1.1)]
    [InlineData(double.NaN, 0.5)]
    public void FixedWeights_ThatDoNotSumToOne_AreRejected(double image, double text)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedSumFusion(2, 2, 2, (image, text)));
        Assert.Contains("sum to 1", e.Message);
    }
}
