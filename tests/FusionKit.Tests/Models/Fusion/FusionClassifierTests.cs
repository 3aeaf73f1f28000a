using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class FusionClassifierTests
{
    public FusionClassifierTests() => TorchRuntime.EnsureReady();

    [Fact]
    public void Concat_PaperShape_ReturnsBatchByClasses()
    {
        using var model = FusionClassifier.Concat(512, 384, 10, [512]);
        using var image = torch.randn(4, 512);
        using var text = torch.randn(4, 384);
        using var logits = model.call(image, text);
        Assert.Equal(new long[] { 4, 10 }, logits.shape);
        // Linear(896,512) + Linear(512,10): 896*512 + 512 + 512*10 + 10 = 464,394 parameters.
        Assert.Equal(464_394, model.parameters().Sum(p => p.numel()));
        Assert.Equal(384, model.SampleTextDim);
    }

    [Fact]
    public void Backward_ReachesEveryParameter()
    {
        using var model = FusionClassifier.Concat(6, 5, 3, [7], HeadActivation.Sigmoid, dropout: 0.2, projectionDim: 4);
        using var image = torch.randn(8, 6);
        using var text = torch.randn(8, 5);
        using var labels = torch.tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1 });
        using var logits = model.call(image, text);
        using var loss = torch.nn.functional.cross_entropy(logits, labels);
        loss.backward();
        var parameters = model.named_parameters().ToList();
        Assert.Equal(8, parameters.Count); // 2 projections + 2 head layers, weight and bias each
        Assert.All(parameters, p => Assert.True(p.parameter.grad is not null && p.parameter.grad.abs().sum().item<float>() > 0, p.name));
    }

    [Fact]
    public void ImageOnly_IgnoresText()
    {
        using var model = FusionClassifier.ImageOnly(new ClassifierHead(6, [4], 3));
        using var image = torch.randn(2, 6);
        using var text = torch.randn(2, 9);
        using var withoutText = model.call(image, null);
        using var withText = model.call(image, text);
        Assert.Equal(TorchTestSupport.Values(withoutText), TorchTestSupport.Values(withText));
        Assert.True(model.IsImageOnly);
        Assert.Null(model.SampleTextDim);
    }

    [Fact]
    public void FusedModel_WithoutText_ThrowsNamingTheFusion()
    {
        using var model = FusionClassifier.Concat(4, 3, 2, [5]);
        using var image = torch.randn(2, 4);
        var e = Assert.Throws<ArgumentNullException>(() => model.call(image, null));
        Assert.Contains("ConcatFusion", e.Message);
        Assert.Throws<ArgumentException>(() => new FusionClassifier(new ConcatFusion(4, 3), new ClassifierHead(8, [], 2)));
    }

    [Fact]
    public void SaveLoad_RoundTrip_GivesIdenticalOutputs()
    {
        var folder = TorchTestSupport.TempFolder();
        var path = Path.Combine(folder, "model.bin");
        using var image = torch.randn(5, 6);
        using var text = torch.randn(5, 4);
        using var original = FusionClassifier.Concat(6, 4, 3, [8], projectionDim: 3);
        original.eval();
        using var expected = original.call(image, text);
        ModelFiles.Save(original, path);

        using var restored = FusionClassifier.Concat(6, 4, 3, [8], projectionDim: 3);
        restored.eval();
        ModelFiles.Load(restored, path);
        using var actual = restored.call(image, text);
        Assert.Equal(TorchTestSupport.Values(expected), TorchTestSupport.Values(actual));
        Assert.Equal(["model.bin"], Directory.GetFiles(folder).Select(Path.GetFileName)); // no temporary file left

        using var otherShape = FusionClassifier.Concat(6, 4, 3, [9]);
        var e = Assert.Throws<InvalidDataException>(() => ModelFiles.Load(otherShape, path));
        Assert.Contains(path, e.Message);
        Directory.Delete(folder, recursive: true);
    }
}
