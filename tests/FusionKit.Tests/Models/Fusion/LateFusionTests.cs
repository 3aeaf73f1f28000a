using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class LateFusionTests
{
    public LateFusionTests() => TorchRuntime.EnsureReady();

    // Linear per-modality classifiers, C = 2. Image: W = I, b = 0 -> logits (1, 3) for x_img = (1, 3).
    // Text: W = (2, -1)ᵀ, b = (0.5, 0) -> logits (2*2 + 0.5, -2) = (4.5, -2) for x_txt = 2.
    // MMF late fusion: ((1, 3) + (4.5, -2)) / 2 = (2.75, 0.5).
    [Fact]
    public void Forward_AveragesThePerModalityLogits()
    {
        using var fusion = new LateFusion(2, 1, 2);
        FusionTestKit.Set(fusion.ImageClassifier.Layers[0], [1, 0, 0, 1], [0, 0]);
        FusionTestKit.Set(fusion.TextClassifier.Layers[0], [2, -1], [0.5f, 0]);
        using var image = torch.tensor(new float[] { 1, 3 }, 1, 2);
        using var text = torch.tensor(new float[] { 2 }, 1, 1);
        using var fused = fusion.call(image, text);
        Assert.Equal(new[] { 2.75f, 0.5f }, TorchTestSupport.Values(fused));
        using var weights = fusion.ModalityWeights(image, text);
        Assert.Equal(new[] { 0.5f, 0.5f }, TorchTestSupport.Values(weights));
    }

    [Fact]
    public void Classifier_AddsNoHead_AndItsLogitsAreTheFusedOnes()
    {
        using var model = FusionClassifier.Create("late", 6, 5, 3, [4]);
        Assert.Null(model.Head);
        Assert.Equal(3, model.ClassCount);
        var late = Assert.IsType<LateFusion>(model.Fusion);
        Assert.Equal([4], late.ImageClassifier.HiddenSizes);
        using var image = torch.randn(2, 6);
        using var text = torch.randn(2, 5);
        using var logits = model.call(image, text);
        using var fused = late.call(image, text);
        Assert.Equal(TorchTestSupport.Values(fused), TorchTestSupport.Values(logits));
        Assert.Equal(["fusion.image_classifier.layers.0.weight", "fusion.image_classifier.layers.0.bias",
                      "fusion.image_classifier.layers.1.weight", "fusion.image_classifier.layers.1.bias",
                      "fusion.text_classifier.layers.0.weight", "fusion.text_classifier.layers.0.bias",
                      "fusion.text_classifier.layers.1.weight", "fusion.text_classifier.layers.1.bias"],
                     model.state_dict().Keys);
    }

    [Fact]
    public void HeadlessClassifier_RejectsFeatureFusions_AndLateRejectsAHead()
    {
        var e = Assert.Throws<ArgumentException>(() => new FusionClassifier(new ConcatFusion(4, 3)));
        Assert.Contains("ClassifierHead", e.Message);
        Assert.Throws<ArgumentException>(() => new FusionClassifier(new LateFusion(4, 3, 2), new ClassifierHead(2, [], 2)));
    }
}
