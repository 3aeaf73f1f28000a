using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Tests.Vision;
using FusionKit.Vision;

namespace FusionKit.Tests.Embeddings;

public class OneEmbeddingPassTests
{
    // Reference: the shipped graph's pooled output is the 7x7 average pool of the very map the spatial graph returns,
    // so the mean of the 49 tokens equals it up to float summation order (well below 1e-5 for values of order 1).
    [Fact]
    public void PooledFromTokens_EqualsThePooledGraph_Within1e5()
    {
        var images = FashionMnistSample.TestImages(4);
        using var pooled = new ResNet18OnnxEncoder(new ImageEncoderOptions { BatchSize = 4 });
        using var spatial = ResNet18OnnxEncoder.Spatial(new ImageEncoderOptions { BatchSize = 4 });
        var direct = pooled.Encode(images);
        var tokens = spatial.Encode(images);
        for (var i = 0; i < images.Count; i++)
        {
            var derived = SpatialPooling.Mean(tokens[i], ImagePrecision.Float32);
            Assert.True(FashionMnistSample.MaxAbsDifference(direct[i], derived) < 1e-5f, $"image {i}: {FashionMnistSample.MaxAbsDifference(direct[i], derived)}");
        }
        Assert.Throws<ArgumentException>(() => SpatialPooling.Mean(new float[512], ImagePrecision.Float32));
    }

    [Fact]
    public void SpatialImages_AreEmbeddedOnce_AndTheCacheSharesTheirTokens()
    {
        using var folder = new TempFolder();
        var (train, validation, test) = FashionMnistSample.Splits("onepass", 6, 2, 2);
        var cache = new EmbeddingCache(folder.Path) { Progress = TextWriter.Null, BatchSize = 4 };
        var options = new EmbeddingOptions { Precision = ImagePrecision.Float32, Threads = 1, SpatialTrainPerClass = 1 };

        var (trainE, validationE, testE) = FashionMnistEmbeddings.EmbedImages(train, validation, test, options, cache, default);

        // The subset FusionWorkbench uses for cross-attention: 1 training image per class, validation in proportion.
        var subset = FusionSubset.Stratified(train.Labels(), validation.Labels(), 2, 1);
        Assert.Equal(2, subset.Train.Length);
        using var spatial = ResNet18OnnxEncoder.Spatial(new ImageEncoderOptions { Threads = 1 });
        Assert.True(cache.Contains(spatial, train.Select(subset.Train)));       // shared with the workbench's spatial rows
        Assert.True(cache.Contains(spatial, validation.Select(subset.Validation)));
        Assert.True(cache.Contains(spatial, test));
        var tokens = cache.GetOrCompute(spatial, train.Select(subset.Train));
        for (var r = 0; r < subset.Train.Length; r++) // derived rows are exactly the token means: no second pass ran for them
            Assert.Equal(SpatialPooling.Mean(tokens.Row(r), ImagePrecision.Float32), trainE.Images.Row(subset.Train[r]).ToArray());

        using var pooled = new ResNet18OnnxEncoder(new ImageEncoderOptions { Threads = 1 });
        var direct = pooled.Encode(train.Images());
        for (var i = 0; i < train.Count; i++) // derived or computed, every row is the pooled embedding
            Assert.True(FashionMnistSample.MaxAbsDifference(direct[i], trainE.Images.Row(i).ToArray()) < 1e-5f, $"train row {i}");
        Assert.Equal(2, testE.Images.Rows);
        Assert.Equal(2, validationE.Images.Rows);
    }

    [Fact]
    public void PooledAlreadyCached_TheTokensAreStillEmbedded()
    {
        using var folder = new TempFolder();
        var (train, validation, test) = FashionMnistSample.Splits("onepass-late", 2, 2, 2);
        var cache = new EmbeddingCache(folder.Path) { Progress = TextWriter.Null, BatchSize = 4 };
        var pooledOnly = new EmbeddingOptions { Precision = ImagePrecision.Float32, Threads = 1 };
        var before = FashionMnistEmbeddings.EmbedImages(train, validation, test, pooledOnly, cache, default);
        using var spatial = FashionMnistEmbeddings.CreateSpatialEncoder(pooledOnly);
        Assert.False(cache.Contains(spatial, test));

        // An earlier run cached the pooled rows only (e.g. before the fusion section existed): embedding again with
        // the spatial subset adds the tokens the sections read, and keeps the pooled rows as they were.
        var after = FashionMnistEmbeddings.EmbedImages(train, validation, test, pooledOnly with { SpatialTrainPerClass = 1 }, cache, default);
        Assert.True(cache.Contains(spatial, test));
        Assert.Equal(before.Test.Images.Row(1).ToArray(), after.Test.Images.Row(1).ToArray());
    }
}
