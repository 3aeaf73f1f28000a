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

    // The TinyHead by hand, x = [1, -2] read as the concatenation [a ; b] with a = [1], b = [-2]: W1's column blocks are
    // [0.5, 2] and [-1, 1], so W_a a = [0.5, 2], W_b b + b1 = [2 + 0.1, -2 - 0.2], and the sum is z1 = [2.6, -0.2] as above.
    [Fact]
    public void FirstLayerBlocks_SummedAndPassedToTheRest_GiveTheHandComputedLogits()
    {
        using var head = TinyHead(HeadActivation.ReLU);
        var (left, right) = head.FirstLayerBlocks(1);
        Assert.Equal(new[] { 0.5f, 2 }, TorchTestSupport.Values(left));
        Assert.Equal(new[] { -1f, 1 }, TorchTestSupport.Values(right));
        using var a = torch.tensor(new float[] { 1 }, 1, 1);
        using var b = torch.tensor(new float[] { -2 }, 1, 1);
        using var preActivation = torch.nn.functional.linear(a, left) + torch.nn.functional.linear(b, right, head.Layers[0].bias);
        Assert.Equal(new[] { 2.6f, -0.2f }, TorchTestSupport.Values(preActivation).Select(v => MathF.Round(v, 5)));
        using var logits = head.FromFirstLayer(preActivation);
        var values = TorchTestSupport.Values(logits);
        Assert.Equal(2.6, values[0], 5);
        Assert.Equal(2.3, values[1], 5);
    }

    /// <summary>The split first layer is the same function as the head, and its gradients reach the one weight matrix
    /// (both blocks' columns), on a deeper head with dropout in eval mode.</summary>
    [Fact]
    public void FirstLayerBlocks_GiveTheForwardsOutputsAndGradients()
    {
        using var head = new ClassifierHead(7, [5, 4], 3, HeadActivation.Tanh, dropoutRate: 0.3);
        head.eval();
        torch.manual_seed(3);
        using var x = torch.randn(6, 7);
        using var weights = torch.randn(6, 3);
        using var direct = head.call(x);
        (direct * weights).sum().backward();
        var directGradient = head.Layers[0].weight!.grad!.clone();
        head.zero_grad();
        var (left, right) = head.FirstLayerBlocks(3);
        using var split = head.FromFirstLayer(torch.nn.functional.linear(x.narrow(1, 0, 3), left) +
                                              torch.nn.functional.linear(x.narrow(1, 3, 4), right, head.Layers[0].bias));
        (split * weights).sum().backward();
        Assert.True(split.allclose(direct, rtol: 0, atol: 1e-6));
        Assert.True(head.Layers[0].weight!.grad!.allclose(directGradient, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void FirstLayerBlocks_AndFromFirstLayer_RejectWhatTheHeadCannotSplit()
    {
        using var head = new ClassifierHead(4, [3], 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => head.FirstLayerBlocks(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => head.FirstLayerBlocks(4));
        using var linear = new ClassifierHead(4, [], 2);
        using var z = torch.zeros(1, 2);
        var e = Assert.Throws<InvalidOperationException>(() => linear.FromFirstLayer(z));
        Assert.Contains("without hidden layers", e.Message);
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
