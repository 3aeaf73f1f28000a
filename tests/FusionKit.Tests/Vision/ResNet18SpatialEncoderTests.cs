using FusionKit.Models.Fusion;
using FusionKit.Vision;
using TorchSharp;

namespace FusionKit.Tests.Vision;

public class ResNet18SpatialEncoderTests(ResNet18EncoderFixture encoders) : IClassFixture<ResNet18EncoderFixture>
{
    // Reference: the pooled output of the shipped graph is the global average pool of exactly this map, so the
    // mean of the 49 tokens (read in the token-major layout ISpatialFusion expects) must reproduce it; a
    // channel-major row would not.
    [Fact]
    public void MeanOfTheTokens_IsThePooledEmbedding()
    {
        var images = FashionMnistSample.TestImages(3);
        using var spatial = ResNet18OnnxEncoder.Spatial(new ImageEncoderOptions { BatchSize = 2 }); // a full and a partial batch
        var rows = spatial.Encode(images);
        var pooled = encoders.Onnx.Encode(images);
        Assert.Equal(ResNet18OnnxEncoder.SpatialTokens * 512, spatial.Dimension);
        Assert.Equal(ResNet18OnnxEncoder.SpatialEncoderName, spatial.Name);
        Assert.NotEqual(encoders.Onnx.CacheKey, spatial.CacheKey);
        for (var i = 0; i < images.Count; i++)
        {
            Assert.Equal(spatial.Dimension, rows[i].Length);
            var mean = new float[512];
            for (var t = 0; t < 49; t++)
                for (var c = 0; c < 512; c++) mean[c] += rows[i][t * 512 + c] / 49f;
            Assert.True(FashionMnistSample.MaxAbsDifference(mean, pooled[i]) < 1e-4f, $"image {i}: {FashionMnistSample.MaxAbsDifference(mean, pooled[i])}");
        }
    }

    // Reference: the TorchSharp backend's layer4 map (ResNet18TorchEncoder.EncodeSpatial, itself checked against the
    // ONNX graph's pooled output) converted with SpatialTokens.FromFeatureMap: token t = grid cell (t / 7, t % 7).
    [Fact]
    public void Tokens_MatchTheTorchBackendsFeatureMap_CellByCell()
    {
        var images = FashionMnistSample.TestImages(2);
        using var spatial = ResNet18OnnxEncoder.Spatial(new ImageEncoderOptions { BatchSize = 2 });
        var rows = spatial.Encode(images);
        using var map = encoders.Torch.EncodeSpatial(images);                 // (2, 512, 7, 7)
        using var tokens = SpatialTokens.FromFeatureMap(map).reshape(2, -1);  // (2, 49 * 512)
        for (var i = 0; i < images.Count; i++)
        {
            var expected = tokens[i].data<float>().ToArray();
            Assert.True(FashionMnistSample.MaxAbsDifference(rows[i], expected) < 1e-3f, $"image {i}: {FashionMnistSample.MaxAbsDifference(rows[i], expected)}");
        }
    }

    [Fact]
    public void CreateByName_GivesTheSpatialVariant()
    {
        using var encoder = ImageEncoders.Create(ResNet18OnnxEncoder.SpatialEncoderName);
        Assert.Equal(49 * 512, encoder.Dimension);
        Assert.Contains(ResNet18OnnxEncoder.SpatialEncoderName, ImageEncoders.SpatialNames);
    }
}
