using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class ModalityDropoutTests
{
    public ModalityDropoutTests() => TorchRuntime.EnsureReady();

    [Fact]
    public void Training_AtProbabilityOne_DropsExactlyOneModalityPerSample_NeverBoth()
    {
        using var dropout = new ModalityDropout(1.0);
        dropout.train();
        using var image = torch.rand(1000, 4) + 1;    // no zero entries
        using var text = torch.rand(1000, 3, 2) + 1;  // any rank
        var (droppedImage, droppedText) = dropout.call(image, text);
        using var imageGone = droppedImage.abs().sum([1]).eq(0);          // (B)
        using var textGone = droppedText.abs().sum([1, 2]).eq(0);         // (B)
        using var exactlyOne = imageGone.logical_xor(textGone);
        Assert.True(exactlyOne.all().item<bool>());
        var imageDrops = imageGone.sum().item<long>();
        Assert.InRange(imageDrops, 1, 999); // both kinds occur (all one kind: probability 2^-999)
        using var kept = droppedImage.abs().sum([1]).ne(0);               // untouched rows are unchanged
        using var keptRows = droppedImage[kept];
        using var originalRows = image[kept];
        Assert.Equal(TorchTestSupport.Values(originalRows), TorchTestSupport.Values(keptRows));
        droppedImage.Dispose();
        droppedText.Dispose();
    }

    [Fact]
    public void Training_AtHalf_NeverDropsBoth()
    {
        using var dropout = new ModalityDropout(0.5);
        using var image = torch.rand(2000, 3) + 1;
        using var text = torch.rand(2000, 3) + 1;
        var (i, t) = dropout.call(image, text);
        using var both = i.abs().sum([1]).eq(0).logical_and(t.abs().sum([1]).eq(0));
        Assert.False(both.any().item<bool>());
        i.Dispose();
        t.Dispose();
    }

    [Fact]
    public void Eval_LeavesBothModalitiesUnchanged_AndSoDoesAClassifierWithIt()
    {
        using var dropout = new ModalityDropout(1.0);
        dropout.eval();
        using var image = torch.rand(5, 4);
        using var text = torch.rand(5, 3);
        var (i, t) = dropout.call(image, text);
        Assert.Equal(TorchTestSupport.Values(image), TorchTestSupport.Values(i));
        Assert.Equal(TorchTestSupport.Values(text), TorchTestSupport.Values(t));
        i.Dispose();
        t.Dispose();

        using var with = FusionTestKit.Classifier("gated", 4, FusionTestKit.Options with { ModalityDropout = 1.0 });
        using var without = FusionTestKit.Classifier("gated", 4);
        Assert.NotNull(with.ModalityDropout);
        Assert.Equal(without.state_dict().Keys, with.state_dict().Keys); // no checkpoint keys added
        with.eval();
        without.eval();
        using var image6 = torch.rand(5, 6);
        using var text5 = torch.rand(5, 5);
        using var a = with.call(image6, text5);
        using var b = without.call(image6, text5);
        Assert.Equal(TorchTestSupport.Values(b), TorchTestSupport.Values(a));
        with.train();
        using var c = with.call(image6, text5);
        Assert.NotEqual(TorchTestSupport.Values(b), TorchTestSupport.Values(c)); // every row lost a modality
    }

    [Fact]
    public void Probability_OutsideZeroToOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModalityDropout(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FusionClassifier.Create("concat", 4, 3, 2, [], FusionOptions.Default with { ModalityDropout = -0.1 }));
    }
}
