using FusionKit.Data;
using FusionKit.Vision;
using TorchSharp;

namespace FusionKit.Tests.Vision;

public class ResNet18EncoderTests(ResNet18EncoderFixture encoders) : IClassFixture<ResNet18EncoderFixture>
{
    [Fact]
    public void OnnxAndTorch_AgreeOnFashionMnist()
    {
        var images = FashionMnistSample.TestImages(8);
        var onnx = encoders.Onnx.Encode(images);
        var torch = encoders.Torch.Encode(images);
        Assert.Equal(8, onnx.Length);
        Assert.All(onnx, v => Assert.Equal(512, v.Length));
        // Reference: the ONNX Runtime output of the shipped graph; docs/platform.md records 8.6e-6 between backends.
        for (var i = 0; i < images.Count; i++)
            Assert.True(FashionMnistSample.MaxAbsDifference(onnx[i], torch[i]) < 1e-4f, $"image {i}: {FashionMnistSample.MaxAbsDifference(onnx[i], torch[i])}");
    }

    [Fact]
    public void Onnx_BatchedEqualsOneByOne()
    {
        var images = FashionMnistSample.TestImages(8);
        var batched = encoders.Onnx.Encode(images);                 // one full batch of 8
        var partial = encoders.Onnx.Encode([.. images.Take(5)]);    // a batch shorter than the buffers
        for (var i = 0; i < images.Count; i++)
        {
            var single = encoders.Onnx.Encode([images[i]])[0];
            Assert.True(FashionMnistSample.MaxAbsDifference(batched[i], single) < 1e-5f);
            if (i < 5) Assert.True(FashionMnistSample.MaxAbsDifference(partial[i], single) < 1e-5f);
        }
    }

    [Fact]
    public void GrayAndReplicatedRgb_GiveIdenticalFeatures()
    {
        var gray = FashionMnistSample.TestImages(2);
        var rgb = gray.Select(FashionMnistSample.ToRgb).ToList();
        var fromGray = encoders.Onnx.Encode(gray);
        var fromRgb = encoders.Onnx.Encode(rgb);
        Assert.Equal(fromGray[0], fromRgb[0]);
        Assert.Equal(fromGray[1], fromRgb[1]);
    }

    [Fact]
    public void Features_DifferBetweenImages()
    {
        var features = encoders.Onnx.Encode(FashionMnistSample.TestImages(4));
        for (var i = 0; i < features.Length; i++)
        {
            Assert.True(features[i].Max() > features[i].Min(), $"image {i} has a constant feature vector");
            for (var j = i + 1; j < features.Length; j++)
                Assert.True(FashionMnistSample.MaxAbsDifference(features[i], features[j]) > 0.1f, $"images {i} and {j} give near-equal features");
        }
        Assert.All(features.SelectMany(f => f), v => Assert.True(v >= 0 && float.IsFinite(v))); // pooled ReLU outputs
    }

    [Fact]
    public void Torch_EncodeSpatial_IsSevenBySevenMapWhosePoolIsTheEmbedding()
    {
        var images = FashionMnistSample.TestImages(2);
        using var maps = encoders.Torch.EncodeSpatial(images);
        Assert.Equal([2L, 512, 7, 7], maps.shape);
        using var pooled = maps.mean([2, 3]);
        var embedded = encoders.Torch.Encode(images);
        var values = pooled.data<float>().ToArray();
        for (var i = 0; i < 2; i++)
            Assert.True(FashionMnistSample.MaxAbsDifference(values.AsSpan(i * 512, 512).ToArray(), embedded[i]) < 1e-5f);
    }

    [Fact]
    public void Torch_ForwardLeaksNoTensors()
    {
        var images = FashionMnistSample.TestImages(2);
        encoders.Torch.Encode(images); // warm-up
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        encoders.Torch.Encode(images);
        using (var spatial = encoders.Torch.EncodeSpatial(images)) { }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void CacheKeys_NameBackendWeightsResolutionAndPreprocessing()
    {
        var sha = PretrainedResNet18Files.Locate().ModelSha256();
        Assert.Contains(sha, encoders.Onnx.CacheKey);
        Assert.Contains(sha, encoders.Torch.CacheKey);
        Assert.Contains("res=224", encoders.Onnx.CacheKey);
        Assert.Contains(ResNetPreprocessor.Version, encoders.Torch.CacheKey);
        Assert.NotEqual(encoders.Onnx.CacheKey, encoders.Torch.CacheKey);
    }

    [Fact]
    public void Factory_CreatesByNameAndRejectsUnknown()
    {
        var e = Assert.Throws<ArgumentException>(() => ImageEncoders.Create("resnet50"));
        Assert.Contains("resnet18-onnx", e.Message);
        Assert.Throws<ArgumentException>(() => ImageEncoders.Create("resnet18-onnx", new ImageEncoderOptions { Resolution = 64 }));
        using var small = ImageEncoders.Create("resnet18-torch", new ImageEncoderOptions { Resolution = 64 });
        Assert.Equal("resnet18-torch", small.Name);
        Assert.Contains("res=64", small.CacheKey);
        var features = small.Encode([new RawImage(3, 2, 1, [0, 50, 100, 150, 200, 250])]);
        Assert.Equal(512, features[0].Length);
    }
}
