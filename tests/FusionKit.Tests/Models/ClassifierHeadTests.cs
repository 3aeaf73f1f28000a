using FusionKit.Models;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models;

public class ClassifierHeadTests
{
    public ClassifierHeadTests() => TorchRuntime.EnsureReady();

    private static ClassifierHead TinyHead(HeadActivation activation)
    {
        var head = new ClassifierHead(inputDim: 2, hiddenSizes: [2], outputDim: 2, activation);
        using var noGrad = torch.no_grad();
        using (var w1 = torch.tensor(new float[] { 0.5f, -1, 2, 1 }, 2, 2)) head.Layers[0].weight!.copy_(w1);
        using (var b1 = torch.tensor(new float[] { 0.1f, -0.2f })) head.Layers[0].bias!.copy_(b1);
        using (var w2 = torch.tensor(new float[] { 1, -1, 0.5f, 2 }, 2, 2)) head.Layers[1].weight!.copy_(w2);
        using (var b2 = torch.tensor(new float[] { 0, 1 })) head.Layers[1].bias!.copy_(b2);
        return head;
    }

    // Hand-computed for x = [1, -2]: z1 = W1 x + b1 = [0.5+2+0.1, 2-2-0.2] = [2.6, -0.2];
    // logits = W2 σ(z1) + b2 = [σ1 - σ2, 0.5 σ1 + 2 σ2 + 1] (values from Python's math module).
    [Theory]
    [InlineData(HeadActivation.ReLU, 2.6, 2.3)]
    [InlineData(HeadActivation.Sigmoid, 0.4806955769691311, 2.365762795203371)]
    [InlineData(HeadActivation.Tanh, 1.1864027224260032, 1.0997630606507416)]
    public void Forward_MatchesHandComputedValues(HeadActivation activation, double first, double second)
    {
        using var head = TinyHead(activation);
        using var x = torch.tensor(new float[] { 1, -2 }, 1, 2);
        using var logits = head.call(x);
        var values = TorchTestSupport.Values(logits);
        Assert.Equal(first, values[0], 5);
        Assert.Equal(second, values[1], 5);
    }

    [Fact]
    public void Forward_ReturnsBatchByOutput_AndGradientsReachEveryLayer()
    {
        using var head = new ClassifierHead(10, [8, 4], 3, HeadActivation.GELU, dropoutRate: 0.1);
        using var x = torch.randn(5, 10);
        using var logits = head.call(x);
        Assert.Equal(new long[] { 5, 3 }, logits.shape);
        using var loss = logits.square().sum();
        loss.backward();
        Assert.Equal(6, head.parameters().Count());
        Assert.All(head.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias"],
                     head.state_dict().Keys);
    }

    [Fact]
    public void Eval_DisablesDropout()
    {
        using var head = new ClassifierHead(6, [32], 2, dropoutRate: 0.5);
        head.eval();
        using var x = torch.randn(3, 6);
        using var a = head.call(x);
        using var b = head.call(x);
        Assert.Equal(TorchTestSupport.Values(a), TorchTestSupport.Values(b));
    }

    [Fact]
    public void Constructor_RejectsBadSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierHead(4, [0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierHead(4, [8], 2, dropoutRate: 1));
        Assert.Equal(HeadActivation.Sigmoid, HeadActivations.Parse("Sigmoid"));
        var e = Assert.Throws<ArgumentException>(() => HeadActivations.Parse("swish"));
        Assert.Contains("relu, sigmoid, tanh, gelu", e.Message);
    }
}
