using FusionKit.Caching;
using FusionKit.Embeddings;
using FusionKit.Experiments.Precision;
using FusionKit.Vision;

namespace FusionKit.Tests.Vision;

public class ImagePrecisionTests
{
    [Theory]
    [InlineData("fp32", ImagePrecision.Float32)]
    [InlineData("BF16", ImagePrecision.BFloat16)]
    [InlineData(" auto ", ImagePrecision.Auto)]
    public void Parse_AcceptsTheThreeWords(string text, ImagePrecision expected) => Assert.Equal(expected, ImagePrecisionChoice.Parse(text));

    [Fact]
    public void Parse_RejectsOtherWords_ListingTheAcceptedOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ImagePrecisionChoice.Parse("fp16"));
        Assert.Contains("fp32, bf16, auto", e.Message);
    }

    [Fact]
    public void NativeFlags_ReadFromTheCpuinfoFlagsLine()
    {
        // Lines in the format of Linux's /proc/cpuinfo (an Intel Xeon with AMX, and an AMD EPYC without bf16).
        string[] xeon = ["processor\t: 0", "model name\t: Intel(R) Xeon(R)", "flags\t\t: fpu sse2 avx512f avx512_bf16 amx_bf16 amx_tile"];
        string[] epyc = ["processor\t: 0", "flags\t\t: fpu sse2 avx2 avx512f avx512_vnni", "bugs\t\t: sysret_ss_attrs"];
        Assert.Equal(["avx512_bf16", "amx_bf16"], ImagePrecisionChoice.NativeBFloat16Flags(xeon));
        Assert.Empty(ImagePrecisionChoice.NativeBFloat16Flags(epyc));
        Assert.Empty(ImagePrecisionChoice.NativeBFloat16Flags([]));
    }

    [Fact]
    public void Auto_IsFp32WithoutNativeBf16_AndBf16OnlyWhereVerified()
    {
        Assert.Equal(ImagePrecision.Float32, ImagePrecisionChoice.Resolve(ImagePrecision.Auto, [], verified: true).Precision);
        Assert.Equal(ImagePrecision.BFloat16, ImagePrecisionChoice.Resolve(ImagePrecision.Auto, ["avx512_bf16"], verified: true).Precision);
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto, ["amx_bf16"], verified: false);
        Assert.Equal(ImagePrecision.Float32, precision);
        Assert.Contains("amx_bf16", reason);
        Assert.Equal(ImagePrecision.BFloat16, ImagePrecisionChoice.Resolve(ImagePrecision.BFloat16, [], verified: false).Precision); // explicit wins
    }

    [Fact]
    public void TheEnvironmentVariable_ChoosesForAuto_NotForAnExplicitRequest()
    {
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto, "fp32", ["amx_bf16"], verified: true);
        Assert.Equal(ImagePrecision.Float32, precision);
        Assert.Contains("FUSIONKIT_PRECISION=fp32", reason);
        Assert.Equal(ImagePrecision.BFloat16, ImagePrecisionChoice.Resolve(ImagePrecision.Auto, " BF16 ", [], verified: false).Precision);
        Assert.Equal(ImagePrecision.BFloat16, ImagePrecisionChoice.Resolve(ImagePrecision.Auto, "auto", ["amx_bf16"], verified: true).Precision); // processor decides
        Assert.Equal(ImagePrecision.Float32, ImagePrecisionChoice.Resolve(ImagePrecision.Float32, "bf16", ["amx_bf16"], verified: true).Precision); // explicit wins
        var e = Assert.Throws<ArgumentException>(() => ImagePrecisionChoice.Resolve(ImagePrecision.Auto, "half", [], verified: true));
        Assert.Contains("FUSIONKIT_PRECISION is 'half'", e.Message);
        Assert.Contains("fp32, bf16, auto", e.Message);
    }

    [Fact]
    public void ForcedFp32_KeepsTheCacheKeysOfBeforePrecisions()
    {
        // The key formats the cache used before the precision setting existed; existing entries must stay valid.
        var sha = PretrainedResNet18Files.Locate().ModelSha256();
        using var pooled = FashionMnistEmbeddings.CreateImageEncoder(new EmbeddingOptions { Precision = ImagePrecision.Float32, Threads = 1 });
        Assert.Equal("resnet18-onnx", pooled.Name);
        Assert.Equal($"resnet18-onnx|onnxruntime|model-sha256={sha}|res=224|prep=resnet-bgr-meanimage-bicubic-v1", pooled.CacheKey);
        using var torchFp32 = new ResNet18TorchEncoder(new ImageEncoderOptions { Precision = ImagePrecision.Float32 });
        Assert.Equal($"resnet18-torch|torchsharp|model-sha256={sha}|res=224|prep=resnet-bgr-meanimage-bicubic-v1", torchFp32.CacheKey);
        Assert.Equal("resnet18-onnx", FashionMnistEmbeddings.ImageEncoderLabel(new EmbeddingOptions { Precision = ImagePrecision.Float32 }));
    }

    [Fact]
    public void Bf16_HasCacheKeysOfItsOwn_AndOnnxRefusesIt()
    {
        using var bf16 = FashionMnistEmbeddings.CreateImageEncoder(new EmbeddingOptions { Precision = ImagePrecision.BFloat16, Threads = 1 });
        using var fp32 = new ResNet18TorchEncoder(new ImageEncoderOptions { Precision = ImagePrecision.Float32 });
        Assert.Equal("resnet18-torch", bf16.Name);
        Assert.EndsWith(ResNet18TorchEncoder.BFloat16KeySuffix, bf16.CacheKey);
        var cache = new EmbeddingCache(Path.Combine(Path.GetTempPath(), "unused"));
        Assert.NotEqual(cache.EntryDirectory(bf16.Name, bf16.CacheKey, "d"), cache.EntryDirectory(fp32.Name, fp32.CacheKey, "d"));
        var e = Assert.Throws<ArgumentException>(() => new ResNet18OnnxEncoder(new ImageEncoderOptions { Precision = ImagePrecision.BFloat16 }));
        Assert.Contains("fp32 only", e.Message);
    }

    [Fact]
    public void Bf16Embeddings_StayCloseToFp32()
    {
        var images = FashionMnistSample.TestImages(16);
        using var fp32 = new ResNet18OnnxEncoder(new ImageEncoderOptions { BatchSize = 8 });
        using var bf16 = new ResNet18TorchEncoder(new ImageEncoderOptions { BatchSize = 8, Precision = ImagePrecision.BFloat16 });
        var (worst, mean) = ImagePrecisionCheck.Cosines(EmbeddingMatrix.FromRows(fp32.Encode(images)), EmbeddingMatrix.FromRows(bf16.Encode(images)));
        // Tolerance: bf16 keeps 8 significant bits (relative rounding 2^-9 per value), so per-layer errors of ~0.4%
        // accumulate over 20 layers; `fusionkit bench precision` measured a worst cosine of 0.99896 (mean 0.99972) over the smoke
        // profile's 500 test images. 0.99 leaves room for other oneDNN kernels, and fails for a broken bf16 path
        // (e.g. an unconverted layer or wrong layout gives cosines far below 0.9).
        Assert.True(worst > 0.99, $"worst cosine {worst}, mean {mean}");
        Assert.True(mean > 0.995, $"mean cosine {mean}");
    }
}
