using FusionKit.Models;
using FusionKit.Models.CrossModal;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.CrossModal;

public class CompatibilityModelTests
{
    public CompatibilityModelTests() => TorchRuntime.EnsureReady();

    private static float[][] LabelTexts(int classes, int dim) =>
        Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, dim).Select(d => (float)Math.Sin(c * 7 + d)).ToArray()).ToArray();

    [Fact]
    public void Forward_ScoresEveryImageAgainstEveryLabel()
    {
        var labels = LabelTexts(3, 4);
        using var model = CompatibilityModel.Concat(labels, imageDim: 5, hiddenSizes: [6]);
        using var image = torch.randn(2, 5);
        using var scores = model.Logits(image, null);
        Assert.Equal(new long[] { 2, 3 }, scores.shape);
        var all = TorchTestSupport.Values(scores);

        // Reference: score(b, c) = head([image_b ; label_c]) computed one pair at a time.
        for (var b = 0; b < 2; b++)
        for (var c = 0; c < 3; c++)
        {
            using var row = image.narrow(0, b, 1);
            using var label = torch.tensor(labels[c], 1, 4);
            using var fused = torch.cat([row, label], 1);
            using var single = model.Head.call(fused);
            Assert.Equal(single.item<float>(), all[b * 3 + c], 5);
        }
    }

    [Fact]
    public void LabelTexts_AreABufferSavedWithTheWeights()
    {
        using var model = CompatibilityModel.Concat(LabelTexts(4, 3), imageDim: 2, hiddenSizes: [5]);
        Assert.Contains("label_texts", model.state_dict().Keys);
        Assert.DoesNotContain(model.named_parameters(), p => p.name == "label_texts");
        Assert.Equal(4, model.ClassCount);
        Assert.Null(model.SampleTextDim);
    }

    [Fact]
    public void Constructor_RejectsHeadsWithMoreThanOneOutput()
    {
        using var table = torch.zeros(3, 4);
        var e = Assert.Throws<ArgumentException>(() => new CompatibilityModel(new ConcatFusion(2, 4), new ClassifierHead(6, [], 3), table));
        Assert.Contains("one score", e.Message);
    }
}
