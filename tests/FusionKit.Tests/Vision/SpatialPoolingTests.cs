using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Experiments.Precision;
using FusionKit.Vision;

namespace FusionKit.Tests.Vision;

public class SpatialPoolingTests
{
    [Fact]
    public void RoundToBFloat16_KeepsEightSignificantBits_TiesToEven()
    {
        // Hand-computed: bfloat16 has 7 stored mantissa bits, so next to 1 its spacing is 2^-7.
        Assert.Equal(1f, SpatialPooling.RoundToBFloat16(1f));
        Assert.Equal(1f, SpatialPooling.RoundToBFloat16(1f + MathF.Pow(2, -8)));                          // halfway: to even (1.0)
        Assert.Equal(1f + MathF.Pow(2, -6), SpatialPooling.RoundToBFloat16(1f + 3 * MathF.Pow(2, -8)));   // halfway: to even (1 + 2^-6)
        Assert.Equal(1f + MathF.Pow(2, -7), SpatialPooling.RoundToBFloat16(1f + MathF.Pow(2, -7) + MathF.Pow(2, -10))); // below half: down
        Assert.Equal(-2f, SpatialPooling.RoundToBFloat16(-2f - MathF.Pow(2, -8)));
        Assert.True(float.IsNaN(SpatialPooling.RoundToBFloat16(float.NaN)));
    }

    [Fact]
    public void Mean_AveragesTheTokens_PerChannel()
    {
        // Token t holds the value t in every channel, channel 3 of token 0 holds 49 more: means 24 and 25 (hand-computed).
        var row = new float[SpatialPooling.Tokens * SpatialPooling.Channels];
        for (var t = 0; t < SpatialPooling.Tokens; t++) row.AsSpan(t * SpatialPooling.Channels, SpatialPooling.Channels).Fill(t);
        row[3] += 49;
        var pooled = SpatialPooling.Mean(row, ImagePrecision.Float32);
        Assert.Equal(24f, pooled[0]);
        Assert.Equal(25f, pooled[3]);
        Assert.Throws<ArgumentException>(() => SpatialPooling.Mean(new float[512], ImagePrecision.BFloat16));
    }

    [Fact]
    public void Bf16Spatial_PoolsToTheBf16PooledEmbedding_AndMatchesFp32Tokens()
    {
        var images = FashionMnistSample.TestImages(4);
        using var pooled = new ResNet18TorchEncoder(new ImageEncoderOptions { BatchSize = 4, Precision = ImagePrecision.BFloat16 });
        using var spatial = ImageEncoders.CreateSpatial(new ImageEncoderOptions { BatchSize = 4, Precision = ImagePrecision.BFloat16 });
        using var fp32Spatial = ImageEncoders.CreateSpatial(new ImageEncoderOptions { BatchSize = 4, Precision = ImagePrecision.Float32 });
        Assert.Equal(ResNet18TorchEncoder.SpatialEncoderName, spatial.Name);
        Assert.Equal(ResNet18OnnxEncoder.SpatialEncoderName, fp32Spatial.Name);
        Assert.EndsWith(ResNet18TorchEncoder.BFloat16KeySuffix, spatial.CacheKey);
        Assert.Equal(49 * 512, spatial.Dimension);

        var direct = pooled.Encode(images);
        var tokens = spatial.Encode(images);
        var reference = fp32Spatial.Encode(images);
        for (var i = 0; i < images.Count; i++)
        {
            // The bf16 network's average pool sums the same bf16 map and rounds the mean to bf16, so the derived value is the
            // network's or its bf16 neighbour: within one bf16 spacing, 2^-7 relative (plus 1e-6 for values near zero).
            var derived = SpatialPooling.Mean(tokens[i], ImagePrecision.BFloat16);
            for (var c = 0; c < derived.Length; c++)
                Assert.True(MathF.Abs(derived[c] - direct[i][c]) <= MathF.Abs(direct[i][c]) * MathF.Pow(2, -7) + 1e-6f,
                    $"image {i} channel {c}: derived {derived[c]}, pooled {direct[i][c]}");
        }
        // Same layout as the fp32 ONNX tokens (token-major), same features up to bf16 rounding (the pooled embeddings'
        // worst cosine over 500 images was 0.99896, ImagePrecisionTests); a transposed layout gives cosines far below 0.9.
        var (worst, mean) = ImagePrecisionCheck.Cosines(EmbeddingMatrix.FromRows(tokens), EmbeddingMatrix.FromRows(reference));
        Assert.True(worst > 0.99, $"worst cosine {worst}, mean {mean}");
    }

    [Fact]
    public void Bf16_OneEmbeddingPass_DerivesPooledRowsFromTheBf16Tokens()
    {
        using var folder = new TempFolder();
        var (train, validation, test) = FashionMnistSample.Splits("onepass16", 4, 2, 2);
        var cache = new EmbeddingCache(folder.Path) { Progress = TextWriter.Null, BatchSize = 4 };
        var options = new EmbeddingOptions { Precision = ImagePrecision.BFloat16, Threads = 1, SpatialTrainPerClass = 1 };

        var (trainE, _, testE) = FashionMnistEmbeddings.EmbedImages(train, validation, test, options, cache, default);

        using var spatial = FashionMnistEmbeddings.CreateSpatialEncoder(options);
        Assert.Equal(ResNet18TorchEncoder.SpatialEncoderName, spatial.Name);
        Assert.True(cache.Contains(spatial, test)); // the tokens the workbench and the interaction section read
        var tokens = cache.GetOrCompute(spatial, test);
        for (var r = 0; r < test.Count; r++)
            Assert.Equal(SpatialPooling.Mean(tokens.Row(r), ImagePrecision.BFloat16), testE.Images.Row(r).ToArray());
        Assert.Equal(4, trainE.Images.Rows);
    }
}
