using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class ConcatFusionTests
{
    public ConcatFusionTests() => TorchRuntime.EnsureReady();

    [Fact]
    public void Forward_ConcatenatesImageThenText()
    {
        using var fusion = new ConcatFusion(imageDim: 2, textDim: 3);
        using var image = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var text = torch.tensor(new float[] { 5, 6, 7, 8, 9, 10 }, 2, 3);
        using var fused = fusion.call(image, text);
        // By definition of concatenation along dim 1: row 0 = [1,2 | 5,6,7], row 1 = [3,4 | 8,9,10].
        Assert.Equal(new long[] { 2, 5 }, fused.shape);
        Assert.Equal(new float[] { 1, 2, 5, 6, 7, 3, 4, 8, 9, 10 }, TorchTestSupport.Values(fused));
        Assert.Equal(5, fusion.OutputDim);
        Assert.Empty(fusion.parameters());
        Assert.Null(fusion.ModalityWeights(image, text));
    }

    [Fact]
    public void Forward_WithProjection_ReturnsBatchByTwiceProjectionAndTrainsBothProjections()
    {
        using var fusion = new ConcatFusion(imageDim: 512, textDim: 384, projectionDim: 64);
        using var image = torch.randn(4, 512);
        using var text = torch.randn(4, 384);
        using var fused = fusion.call(image, text);
        Assert.Equal(new long[] { 4, 128 }, fused.shape);
        Assert.Equal(128, fusion.OutputDim);
        using var loss = fused.square().sum();
        loss.backward();
        var names = fusion.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(["image_projection.weight", "image_projection.bias", "text_projection.weight", "text_projection.bias"], names);
        Assert.All(fusion.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingTheExpectedShape()
    {
        using var fusion = new ConcatFusion(imageDim: 4, textDim: 3);
        using var image = torch.zeros(2, 5);
        using var text = torch.zeros(2, 3);
        var e = Assert.Throws<ArgumentException>(() => fusion.call(image, text));
        Assert.Contains("(B, 4)", e.Message);
        using var shortText = torch.zeros(1, 3);
        using var goodImage = torch.zeros(2, 4);
        Assert.Throws<ArgumentException>(() => fusion.call(goodImage, shortText));
    }
}
