using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Tests.Models.Fusion;

/// <summary>What every fusion method must do, checked for each name of <see cref="FusionMethods.Names"/>.</summary>
public class FusionFamilyTests
{
    public FusionFamilyTests() => TorchRuntime.EnsureReady();

    [Theory]
    [MemberData(nameof(FusionTestKit.AllMethods), MemberType = typeof(FusionTestKit))]
    public void Forward_ReturnsBatchByOutputDim_AndClassifierReturnsBatchByClasses(string method)
    {
        using var fusion = FusionMethods.Create(method, FusionTestKit.FactoryImageDim(method), FusionTestKit.TextDim, FusionTestKit.Options);
        using var image = FusionTestKit.Rows(4, FusionTestKit.RowImageDim(method), 1);
        using var text = FusionTestKit.Rows(4, FusionTestKit.TextDim, 2);
        using var fused = fusion.call(image, text);
        Assert.Equal(new long[] { 4, fusion.OutputDim }, fused.shape);
        Assert.Equal(FusionTestKit.RowImageDim(method), fusion.ImageDim);

        using var model = FusionTestKit.Classifier(method, 1);
        using var logits = model.call(image, text);
        Assert.Equal(new long[] { 4, FusionTestKit.Classes }, logits.shape);
        Assert.Equal(FusionTestKit.Classes, model.ClassCount);
    }

    [Theory]
    [MemberData(nameof(FusionTestKit.AllMethods), MemberType = typeof(FusionTestKit))]
    public void Backward_ReachesEveryParameter(string method)
    {
        using var model = FusionTestKit.Classifier(method, 3);
        using var image = FusionTestKit.Rows(8, FusionTestKit.RowImageDim(method), 3);
        using var text = FusionTestKit.Rows(8, FusionTestKit.TextDim, 4);
        using var labels = torch.tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1 });
        using var logits = model.call(image, text);
        using var loss = torch.nn.functional.cross_entropy(logits, labels);
        loss.backward();
        var parameters = model.named_parameters().ToList();
        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.True(p.parameter.grad is not null && p.parameter.grad.abs().sum().item<float>() > 0, $"{method}: {p.name} got no gradient"));
    }

    [Theory]
    [InlineData(FusionMethods.Weighted, true)]
    [InlineData(FusionMethods.Gated, true)]
    [InlineData(FusionMethods.Attention, true)]
    [InlineData(FusionMethods.Late, true)]
    [InlineData(FusionMethods.Concat, false)]
    [InlineData(FusionMethods.Bilinear, false)]
    [InlineData(FusionMethods.CrossAttention, false)]
    public void ModalityWeights_RowsSumToOne_WhereTheMethodWeighsModalities(string method, bool weighs)
    {
        using var model = FusionTestKit.Classifier(method, 5);
        using var image = FusionTestKit.Rows(6, FusionTestKit.RowImageDim(method), 5);
        using var text = FusionTestKit.Rows(6, FusionTestKit.TextDim, 6);
        using var weights = model.ModalityWeights(image, text);
        if (!weighs)
        {
            Assert.Null(weights);
            return;
        }
        Assert.NotNull(weights);
        Assert.Equal(new long[] { 6, 2 }, weights.shape);
        var values = TorchTestSupport.Values(weights);
        Assert.All(values, v => Assert.InRange(v, 0f, 1f));
        for (var r = 0; r < 6; r++) Assert.Equal(1.0, values[2 * r] + values[2 * r + 1], 5);
    }

    [Theory]
    [MemberData(nameof(FusionTestKit.AllMethods), MemberType = typeof(FusionTestKit))]
    public void SaveLoad_RoundTrip_GivesIdenticalOutputs(string method)
    {
        var folder = TorchTestSupport.TempFolder();
        var path = Path.Combine(folder, "model.bin");
        using var image = FusionTestKit.Rows(5, FusionTestKit.RowImageDim(method), 7);
        using var text = FusionTestKit.Rows(5, FusionTestKit.TextDim, 8);
        using var original = FusionTestKit.Classifier(method, 7);
        original.eval();
        using var expected = original.call(image, text);
        ModelFiles.Save(original, path);

        using var restored = FusionTestKit.Classifier(method, 8); // other weights, overwritten by the load
        restored.eval();
        using (var before = restored.call(image, text))
            Assert.NotEqual(TorchTestSupport.Values(expected), TorchTestSupport.Values(before));
        ModelFiles.Load(restored, path);
        using var actual = restored.call(image, text);
        Assert.Equal(TorchTestSupport.Values(expected), TorchTestSupport.Values(actual));
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(FusionTestKit.AllMethods), MemberType = typeof(FusionTestKit))]
    public void Forward_AndWeights_LeakNoTensors(string method)
    {
        using var model = FusionTestKit.Classifier(method, 9, FusionTestKit.Options with { ModalityDropout = 0.5 });
        using var image = FusionTestKit.Rows(4, FusionTestKit.RowImageDim(method), 9);
        using var text = FusionTestKit.Rows(4, FusionTestKit.TextDim, 10);
        void Run()
        {
            using var logits = model.call(image, text);
            using var weights = model.ModalityWeights(image, text);
            using var map = (model.Fusion as ISpatialFusion)?.AttentionMap(image, text);
        }
        Run(); // warm-up
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Run();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Create_RejectsUnknownNames_ListingTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => FusionMethods.Create("sum", 4, 3));
        Assert.Contains("'sum'", e.Message);
        Assert.Contains("concat, weighted, gated, attention, cross-attention, bilinear, late", e.Message);
        Assert.Throws<ArgumentException>(() => FusionClassifier.Create("mfb", 4, 3, 2, []));
        Assert.Equal(["concat", "weighted", "gated", "attention", "cross-attention", "bilinear", "late"], FusionMethods.Names);
    }

    [Fact]
    public void Create_BuildsEachNamedType_AnyCase_AndLateNeedsAClassCount()
    {
        var expected = new Dictionary<string, Type>
        {
            ["concat"] = typeof(ConcatFusion), ["weighted"] = typeof(WeightedSumFusion), ["gated"] = typeof(GatedFusion),
            ["attention"] = typeof(AttentionFusion), ["cross-attention"] = typeof(CrossAttentionFusion),
            ["bilinear"] = typeof(BilinearFusion), ["late"] = typeof(LateFusion),
        };
        foreach (var (name, type) in expected)
        {
            using var fusion = FusionMethods.Create(name.ToUpperInvariant(), 4, 3, FusionTestKit.Options);
            Assert.IsType(type, fusion);
        }
        var e = Assert.Throws<ArgumentException>(() => FusionMethods.Create("late", 4, 3));
        Assert.Contains("ClassCount", e.Message);
    }

    [Fact]
    public void Defaults_MatchTheDocumentedSizes()
    {
        // Paper-sized embeddings: 512-d images, 384-d texts. Widths from FusionOptions' documented defaults.
        using var attention = FusionMethods.Create("attention", 512, 384);
        Assert.Equal(384, attention.OutputDim); // TorchMultimodal: min(encoder dims)
        using var bilinear = FusionMethods.Create("bilinear", 512, 384);
        Assert.Equal(1000, bilinear.OutputDim); // Yu et al.: o = 1000, k = 5
        using var cross = FusionMethods.Create("cross-attention", 512, 384);
        Assert.Equal(49 * 512, cross.ImageDim);
        Assert.Equal(256, cross.OutputDim);
    }
}
