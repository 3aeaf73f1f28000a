using FusionKit.Caching;
using FusionKit.Embeddings;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Models.Fusion;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>Cross-attention in the fusion experiment, on synthetic spatial tokens (49 tokens of 16 per image).</summary>
[Collection(TorchTrainingCollection.Name)]
public class CrossAttentionExperimentTests
{
    private const int Tokens = 49;

    /// <summary>Spatial rows whose 49 tokens are the pooled synthetic row plus noise, so their mean is about the pooled row.</summary>
    private static EmbeddingMatrix Spatial(FusionSplit split, int imageDim, int seed)
    {
        var random = new Random(seed);
        var data = new float[split.Count * Tokens * imageDim];
        for (var i = 0; i < split.Count; i++)
            for (var t = 0; t < Tokens; t++)
                for (var d = 0; d < imageDim; d++)
                    data[(i * Tokens + t) * imageDim + d] = split.Image[i * imageDim + d] + (float)(0.1 * (random.NextDouble() - 0.5));
        return new EmbeddingMatrix(split.Count, Tokens * imageDim, data);
    }

    private static FusionInputs SpatialInputs(FusionInputs pooled) => pooled.WithImages(
        Spatial(pooled.Train, pooled.ImageDim, 1), Spatial(pooled.Validation, pooled.ImageDim, 2), Spatial(pooled.Test, pooled.ImageDim, 3));

    [Fact]
    public void Run_TrainsOnTokens_AndReturnsAnAttentionMapPerTestImage()
    {
        var pooled = FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 30, validationPerClass: 5, testPerClass: 10, imageShift: 3),
                                           new SideTextReliability(0, 0, 1), FusionTestData.TempFolder()); // text says nothing: the image must carry it
        var inputs = SpatialInputs(pooled);
        Assert.Equal(Tokens * FusionTestData.ImageDim, inputs.ImageDim);
        var config = FusionExperimentConfig.Quick with
        {
            Method = "cross-attention", HiddenSizes = [], LearningRate = 0.01, Epochs = 15, BatchSize = 32, Threads = 1, TrainPerClass = 30,
            FusionOptions = FusionKit.Models.Fusion.FusionOptions.Default with { AttentionDim = 16, Heads = 2, ProjectionDim = 32 },
        };
        var result = FusionExperiment.Run(inputs, config);

        Assert.True(result.Accuracy > 0.6, $"accuracy {result.Accuracy:F3} (chance 0.1)"); // classes are 3 sigma apart in the image
        Assert.Equal(inputs.Train.Count, result.TrainCount);
        Assert.NotNull(result.Ablation);
        Assert.Null(result.ModalityWeights); // it weighs regions, not modalities
        var maps = Assert.IsType<float[][]>(result.AttentionMaps);
        Assert.Equal(inputs.Test.Count, maps.Length);
        Assert.All(maps, m =>
        {
            Assert.Equal(Tokens, m.Length);
            Assert.Equal(1.0, m.Sum(), 4);
        });
        Assert.Contains("train/class=30", config.DescribeParameters());
    }

    [Fact]
    public void PooledMethod_OnSpatialRows_IsRefused()
    {
        var pooled = FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 2, validationPerClass: 1, testPerClass: 1), SideTextReliability.High, FusionTestData.TempFolder());
        var wide = pooled.WithImages(Wide(pooled.Train), Wide(pooled.Validation), Wide(pooled.Test));
        var error = Assert.Throws<ArgumentException>(() => FusionExperiment.Run(wide, FusionExperimentConfig.Quick with { Method = "gated", Threads = 1 }));
        Assert.Contains("InputsFor", error.Message);

        static EmbeddingMatrix Wide(FusionSplit split) => new(split.Count, Tokens * 512, new float[split.Count * Tokens * 512]);
    }

    [Fact]
    public void Subset_IsStratified_KeepsTestWhole_AndIsTheSameForEveryReliability()
    {
        var data = FusionTestData.Embedded(trainPerClass: 20, validationPerClass: 4, testPerClass: 3);
        var cache = FusionTestData.TempFolder();
        var high = FusionTestData.Inputs(data, SideTextReliability.High, cache);
        var low = FusionTestData.Inputs(data, SideTextReliability.Low, cache);
        var subset = FusionSubset.Stratified(high, trainPerClass: 5);
        Assert.Equal(subset.Train, FusionSubset.Stratified(low, trainPerClass: 5).Train);
        var selected = high.Select(subset);
        Assert.Equal(50, selected.Train.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(5, selected.Train.Labels.Count(l => l == c)));
        // validation keeps the whole's proportion: 4 per 20 -> 1 per 5
        Assert.Equal(10, selected.Validation.Count);
        Assert.Same(high.Test, selected.Test);
        // rows travel with their samples: row 0 of the subset is row subset.Train[0] of the whole
        var r = subset.Train[0];
        Assert.Equal(high.Train.Image.AsSpan(r * high.ImageDim, high.ImageDim).ToArray(), selected.Train.Image.AsSpan(0, high.ImageDim).ToArray());
        Assert.Equal(high.Train.SideTexts[r], selected.Train.SideTexts[0]);
        // asking for more than a class has keeps everything
        Assert.Equal(200, high.Select(FusionSubset.Stratified(high, trainPerClass: 1000)).Train.Count);
    }

    [Fact]
    public void WithImages_RejectsAMatrixOfTheWrongSize_NamingTheSplit()
    {
        var pooled = FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 2, validationPerClass: 1, testPerClass: 1), SideTextReliability.High, FusionTestData.TempFolder());
        var good = new EmbeddingMatrix(pooled.Train.Count, 8, new float[pooled.Train.Count * 8]);
        var bad = new EmbeddingMatrix(3, 8, new float[24]);
        var error = Assert.Throws<ArgumentException>(() => pooled.WithImages(good, bad, bad));
        Assert.Contains("validation", error.Message);
    }

    [Fact]
    public void AttentionGrid_PairsEachImageWithItsOverlay_AndRejectsRunsWithoutMaps()
    {
        var pooled = FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 4, validationPerClass: 1, testPerClass: 2), SideTextReliability.High, FusionTestData.TempFolder());
        var config = FusionExperimentConfig.Quick with
        {
            Method = "cross-attention", HiddenSizes = [], Epochs = 1, BatchSize = 16, Threads = 1,
            FusionOptions = FusionKit.Models.Fusion.FusionOptions.Default with { AttentionDim = 8, Heads = 1, ProjectionDim = 8 },
        };
        var run = FusionExperiment.Run(SpatialInputs(pooled), config);
        var test = FusionTestData.Embedded(trainPerClass: 4, validationPerClass: 1, testPerClass: 2).Test.Dataset;
        var picks = AttentionGrid.FirstPerClass(run.TestLabels, 10);
        Assert.Equal(Enumerable.Range(0, 10), picks.Select(i => run.TestLabels[i]));
        var grid = AttentionGrid.Build(run, test, picks.Take(3).ToArray(), pooled.Test.SideTexts.Select(t => t.Text).ToArray());
        Assert.Equal(6, grid.Tiles.Count);
        Assert.Contains("true: T-shirt/top", grid.Tiles[0].Caption);
        Assert.Contains(pooled.Test.SideTexts[picks[0]].Text, grid.Tiles[1].Caption);
        Assert.Equal(3, grid.Tiles[1].Image.Channels);

        var noMaps = run with { AttentionMaps = null };
        Assert.Throws<ArgumentException>(() => AttentionGrid.Build(noMaps, test, picks));
        Assert.Throws<ArgumentException>(() => AttentionGrid.Build(run, test, [test.Count]));
    }
}

public class FusionExperimentConfigTests
{
    [Fact]
    public void Bilinear_UsesTheExperimentsMfbWidth_AndSaysSoInItsParameters()
    {
        var bilinear = FusionExperimentConfig.Quick with { Method = "bilinear" };
        Assert.Equal(FusionExperimentConfig.ExperimentMfbOutputDim, bilinear.FusionOptions.MfbOutputDim);
        Assert.Equal(1000, FusionKit.Models.Fusion.FusionOptions.Default.MfbOutputDim); // the module keeps Yu et al.'s default
        Assert.EndsWith("mfb=5x128", bilinear.DescribeParameters());
        Assert.DoesNotContain("mfb", (bilinear with { Method = "gated" }).DescribeParameters());
    }
}
