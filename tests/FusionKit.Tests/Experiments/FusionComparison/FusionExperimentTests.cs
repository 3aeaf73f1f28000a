using FusionKit.Experiments.FusionComparison;
using FusionKit.Models.Fusion;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>Fusion runs on synthetic embeddings (10 classes, 400 training rows): fast, no real data.</summary>
[Collection(TorchTrainingCollection.Name)]
public class FusionExperimentTests
{
    private static readonly SideTextReliability AlwaysTrue = new(1, 0, 0);
    private static readonly SideTextReliability NeverInformative = new(0, 0, 1);

    // A linear head, larger steps and more epochs than the quick path: 400 rows need them to converge.
    private static readonly FusionExperimentConfig Small = FusionExperimentConfig.Quick with
    {
        HiddenSizes = [], LearningRate = 0.05, Epochs = 20, BatchSize = 32, Threads = 1,
    };

    [Fact]
    public void TextOnly_WithAlwaysTrueSideText_IsNearPerfect()
    {
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(), AlwaysTrue, FusionTestData.TempFolder());
        var result = FusionExperiment.Run(inputs, Small with { Method = FusionExperiment.TextOnly });
        // Every title names its class's noun, so the hashed bag of words separates the 10 classes.
        Assert.True(result.Accuracy > 0.95, $"text-only accuracy {result.Accuracy:F3}");
        Assert.Null(result.ModalityWeights);
        Assert.Null(result.Ablation);
    }

    [Fact]
    public void TextOnly_WithUninformativeSideText_IsNearChance()
    {
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(), NeverInformative, FusionTestData.TempFolder());
        Assert.All(inputs.Test.SideTexts, t => Assert.Equal(SideTextKind.Uninformative, t.Kind));
        var result = FusionExperiment.Run(inputs, Small with { Method = FusionExperiment.TextOnly });
        // Chance is 1/10 with balanced classes; 8 boilerplate titles carry no class, so 0.25 is a wide margin.
        Assert.True(result.Accuracy < 0.25, $"text-only accuracy {result.Accuracy:F3}");
    }

    [Fact]
    public void Ablation_ZeroingTheInformativeModality_DropsToChance()
    {
        // Images separate the classes (shift 4 along dimension = class); the side text says nothing.
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(imageShift: 4), NeverInformative, FusionTestData.TempFolder());
        var result = FusionExperiment.Run(inputs, Small with { Method = "concat" });
        var ablation = result.Ablation!;
        Assert.Equal(result.Accuracy, ablation.Both);
        Assert.True(ablation.Both > 0.8, $"both {ablation.Both:F3}");
        Assert.True(ablation.TextZeroed > 0.8, $"text zeroed {ablation.TextZeroed:F3}");
        // Zero images leave only the (uninformative) text: one constant prediction per title, near 1/10.
        Assert.True(ablation.ImageZeroed < 0.3, $"image zeroed {ablation.ImageZeroed:F3}");
    }

    [Fact]
    public void Gated_ModalityWeightsPerClass_AreClassesByTwo_AndRowsSumToOne()
    {
        var data = FusionTestData.Embedded(imageShift: 2);
        var inputs = FusionTestData.Inputs(data, SideTextReliability.High, FusionTestData.TempFolder());
        var result = FusionExperiment.Run(inputs, Small with { Method = "gated", HiddenSizes = [32], Epochs = 3 });
        Assert.Equal(inputs.Test.Count, result.ModalityWeights!.Length);
        var perClass = result.ModalityWeightsPerClass(inputs.ClassCount)!;
        Assert.Equal(10, perClass.GetLength(0));
        Assert.Equal(2, perClass.GetLength(1));
        for (var c = 0; c < 10; c++) Assert.Equal(1.0, perClass[c, 0] + perClass[c, 1], 5); // GMU: (mean z, 1 - mean z)
        Assert.True(result.Parameters > 0);
        Assert.Equal(3, result.History.Epochs.Count);
    }

    [Fact]
    public void FusionOptions_ReachTheModel()
    {
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 2, validationPerClass: 1, testPerClass: 1), AlwaysTrue, FusionTestData.TempFolder());
        var config = Small with { Method = "bilinear", HiddenSizes = [], Epochs = 1 };
        var small = FusionExperiment.Run(inputs, config with { FusionOptions = FusionKit.Models.Fusion.FusionOptions.Default with { MfbFactor = 2, MfbOutputDim = 10 } });
        // MFB: two projections to k*o units (16*20+20 and 1024*20+20), then a linear head o -> 10 (10*10+10); hand-computed.
        Assert.Equal(16 * 20 + 20 + 1024 * 20 + 20 + 10 * 10 + 10, small.Parameters);
    }

    [Fact]
    public void WeightsPerClass_MatchesHandComputedMeans()
    {
        float[][] weights = [[0.2f, 0.8f], [0.4f, 0.6f], [0.9f, 0.1f]];
        var means = FusionInterpretation.WeightsPerClass(weights, [0, 0, 2], 3);
        // Hand-computed: class 0 = mean of rows 0 and 1 = (0.3, 0.7); class 1 has no rows; class 2 = row 2.
        Assert.Equal(0.3, means[0, 0], 6);
        Assert.Equal(0.7, means[0, 1], 6);
        Assert.True(double.IsNaN(means[1, 0]));
        Assert.Equal(0.9, means[2, 0], 6);
        var error = Assert.Throws<ArgumentException>(() => FusionInterpretation.WeightsPerClass(weights, [0, 5, 1], 3));
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void CrossAttention_OnPooledRows_IsRefusedWithTheReason()
    {
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 2, validationPerClass: 1, testPerClass: 1), AlwaysTrue, FusionTestData.TempFolder());
        var error = Assert.Throws<ArgumentException>(() => FusionExperiment.Run(inputs, Small with { Method = "cross-attention" }));
        Assert.Contains("spatial", error.Message);
        Assert.Contains("InputsFor", error.Message);
        error = Assert.Throws<ArgumentException>(() => FusionExperiment.Run(inputs, Small with { Method = "gated", FixedWeights = (0.7, 0.3) }));
        Assert.Contains("weighted", error.Message);
    }

    [Fact]
    public void Prepare_EmbedsEachDistinctTitleOnce_AndGathersRowsPerSample()
    {
        var cache = FusionTestData.TempFolder();
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(), SideTextReliability.Low, cache);
        using var encoder = new HashingTextEncoder();
        var sample = inputs.Train.SideTexts[7].Text;
        var expected = encoder.Encode([sample])[0];
        Assert.Equal(expected, inputs.Train.Text.AsSpan(7 * encoder.Dimension, encoder.Dimension).ToArray());
        // Same seed and reliability: the second preparation reads the cache and gives identical rows.
        var again = FusionTestData.Inputs(FusionTestData.Embedded(), SideTextReliability.Low, cache);
        Assert.Equal(inputs.Test.Text, again.Test.Text);
    }

    [Fact]
    public void Ablation_LeavesNoLiveTensorBehind()
    {
        // Each zeroed modality is one zero row expanded to N rows, wrapped with the labels in a FeatureSet: the row
        // and the label conversion's intermediate must be disposed (before the fix each of the two ablations left
        // both alive: 4 tensors).
        using var test = TorchTestSupport.Clusters(60, 3, imageDim: 4, textDim: 3, seed: 8);
        using var model = TorchTestSupport.Reinitialize(FusionKit.Models.Fusion.FusionClassifier.Concat(4, 3, 3, [8]), 2);
        var labels = test.LabelArray!.ToArray();
        var before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var ablation = FusionExperiment.Ablate(model, test, labels, both: 0.5);
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.InRange(ablation.ImageZeroed, 0, 1);
        Assert.InRange(ablation.TextZeroed, 0, 1);
    }
}
