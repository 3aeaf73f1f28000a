using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class AttentionFusionTests
{
    public AttentionFusionTests() => TorchRuntime.EnsureReady();

    // Scorer weights 0 and bias (ln 3, 0): softmax = (3/4, 1/4) for every sample, so the output is
    // 0.75 W_img x_img + 0.25 W_txt x_txt (TorchMultimodal's AttentionFusionModule forward).
    [Fact]
    public void Forward_IsTheAttentionWeightedSumOfTheProjections()
    {
        using var fusion = new AttentionFusion(6, 5, 4);
        using (torch.no_grad())
        {
            fusion.Attention.weight!.zero_();
            using var bias = torch.tensor(new[] { (float)Math.Log(3), 0f });
            fusion.Attention.bias!.copy_(bias);
        }
        using var image = torch.randn(3, 6);
        using var text = torch.randn(3, 5);
        using var fused = fusion.call(image, text);
        using var img = fusion.ImageProjection.call(image);
        using var txt = fusion.TextProjection.call(text);
        using var expected = 0.75 * img + 0.25 * txt;
        Assert.True(fused.allclose(expected, rtol: 1e-5, atol: 1e-6));
        using var weights = fusion.ModalityWeights(image, text);
        var w = TorchTestSupport.Values(weights);
        Assert.Equal(0.75, w[0], 6);
        Assert.Equal(0.25, w[1], 6);
    }

    [Fact]
    public void Weights_DifferPerSample_AndSumToOne()
    {
        using var fusion = new AttentionFusion(6, 5);
        using var image = torch.randn(4, 6) * 3;
        using var text = torch.randn(4, 5) * 3;
        using var weights = fusion.ModalityWeights(image, text);
        using var sums = weights.sum([1]);
        Assert.True(sums.allclose(torch.ones(4)));
        var w = TorchTestSupport.Values(weights);
        Assert.NotEqual(w[0], w[2]); // per sample, not one global pair
    }

    // The scorer is its own layer (Multimodal-Toolkit #14/#21 overwrote its attention MLP); P defaults to
    // min(D_img, D_txt) as TorchMultimodal's encoding_projection_dim.
    [Fact]
    public void Layers_AreDistinct_AndProjectionDefaultsToTheSmallerWidth()
    {
        using var fusion = new AttentionFusion(6, 5);
        Assert.Equal(5, fusion.OutputDim);
        Assert.Equal(["attention.weight", "attention.bias", "image_projection.weight", "image_projection.bias", "text_projection.weight", "text_projection.bias"],
                     fusion.named_parameters().Select(p => p.name));
        Assert.Equal(new long[] { 2, 11 }, fusion.Attention.weight!.shape);
    }
}
