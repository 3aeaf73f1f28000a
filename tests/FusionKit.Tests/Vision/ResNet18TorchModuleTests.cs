using FusionKit.Platform;
using FusionKit.Vision;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Tests.Vision;

public class ResNet18TorchModuleTests
{
    public ResNet18TorchModuleTests() => TorchRuntime.EnsureReady();

    [Fact]
    public void ParameterCount_MatchesHandCount()
    {
        using var module = new ResNet18TorchModule();
        var count = module.parameters().Sum(p => p.numel());
        // Hand count for layers [2,2,2,3]: stem 3*64*49 + 2*64 = 9,536; layer1 2*(2*64*64*9 + 4*64) = 147,968;
        // layer2 (64*128*9 + 128*128*9 + 4*128 + 64*128 + 2*128) + (2*128*128*9 + 4*128) = 525,568;
        // layer3 (same pattern at 128->256) = 2,099,712; layer4 (256->512, 3 blocks) = 13,114,368. Total 15,897,152.
        Assert.Equal(15_897_152L, count);
    }

    [Fact]
    public void OnnxWeights_EveryInitializerMapsOntoTheModule()
    {
        var weights = ResNet18OnnxWeights.Read(PretrainedResNet18Files.Locate().ModelPath);
        // Reference: the shipped graph has 110 initializers (22 conv weights + 22 BatchNorms x 4).
        Assert.Equal(110, weights.InitializerCount);
        Assert.Equal(110, weights.Tensors.Count);
        Assert.Equal([2, 2, 2, 3], weights.Depths);
        Assert.Equal([64L, 64, 3, 3], weights.Tensors["layer1.1.conv2.weight"].Shape);
        Assert.Equal([512L, 256, 1, 1], weights.Tensors["layer4.0.downsample.0.weight"].Shape);
        using var module = new ResNet18TorchModule();
        weights.LoadInto(module); // throws on any shape mismatch, unfilled parameter or unused initializer
        var state = module.state_dict();
        var parameterValues = weights.Tensors.Where(t => !t.Key.Contains("running_", StringComparison.Ordinal)).Sum(t => t.Value.Values.LongLength);
        Assert.Equal(module.parameters().Sum(p => p.numel()), parameterValues);
        using var loaded = state["layer3.1.bn2.running_var"].clone();
        Assert.Equal(weights.Tensors["layer3.1.bn2.running_var"].Values, loaded.data<float>().ToArray());
    }

    [Fact]
    public void TrainMode_BackpropagatesAtOtherResolutions()
    {
        using var module = new ResNet18TorchModule();
        module.train();
        using var scope = NewDisposeScope();
        var input = randn(2, 3, 32, 32);
        var features = module.call(input);                    // (2, 512)
        Assert.Equal([2L, 512], features.shape);
        Assert.Equal([2L, 512, 1, 1], module.ForwardFeatures(input).shape);
        features.sum().backward();
        var grad = module.named_parameters().First(p => p.name == "conv1.weight").parameter.grad;
        Assert.NotNull(grad);
        Assert.True(grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void ForwardFeatures_RejectsWrongShape()
    {
        using var module = new ResNet18TorchModule();
        using var input = zeros(1, 1, 32, 32);
        Assert.Throws<ArgumentException>(() => module.ForwardFeatures(input));
    }

    [Fact]
    public void FoldBatchNorm_GivesTheSameFeatures_WithoutBatchNormLayers()
    {
        // BN(W * x) = s * (W * x) + (beta - s * mean), s = gamma / sqrt(var + eps): an identity, so the folded network
        // must reproduce the unfolded one up to float32 rounding. Random statistics, so a fold that ignored the mean,
        // the variance or the downsample branch's BatchNorm would miss by far more than the tolerance.
        manual_seed(3);
        using var module = new ResNet18TorchModule();
        using (no_grad())
            foreach (var (name, buffer) in module.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.copy_(randn(buffer.shape) * 0.1);
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.copy_(rand(buffer.shape) + 0.5);
            }
        module.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = randn(2, 3, 64, 64);
        var before = module.call(input);                    // (2, 512)
        module.FoldBatchNorm();
        Assert.True(module.BatchNormFolded);
        var after = module.call(input);                     // (2, 512)
        var scale = before.abs().max().item<float>();
        Assert.True((after - before).abs().max().item<float>() < 1e-4 * scale, "folded features differ from the unfolded network's");
        module.FoldBatchNorm(); // idempotent: a second fold would scale the weights again
        Assert.True((module.call(input) - before).abs().max().item<float>() < 1e-4 * scale);
    }

    [Fact]
    public void UseChannelsLastWeights_KeepsShapesAndFeatures_ChangesStrides()
    {
        manual_seed(4);
        using var module = new ResNet18TorchModule();
        module.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = randn(1, 3, 32, 32);
        var before = module.call(input);                    // (1, 512)
        module.UseChannelsLastWeights();
        var stem = module.named_parameters().First(p => p.name == "conv1.weight").parameter;
        Assert.Equal([64L, 3, 7, 7], stem.shape);
        Assert.Equal([147L, 1, 21, 3], stem.stride()); // (O, kH, kW, I) buffer: I innermost, then kW, kH
        Assert.True((module.call(input) - before).abs().max().item<float>() < 1e-4 * before.abs().max().item<float>());
    }
}
