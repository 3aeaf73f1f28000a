using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Vision;

/// <summary>
/// The ResNet of He et al., "Deep Residual Learning for Image Recognition" (2015), written like TorchVision's
/// <c>resnet.ResNet</c> with basic blocks, without the classifier: stem conv7x7/2-BN-ReLU-maxpool3x3/2, four
/// stages of 64/128/256/512 channels, adaptive average pool to 1x1, flattened to 512 features. The default
/// stage depths [2, 2, 2, 3] are those of the pretrained "ResNet18" of Microsoft.ML.DnnImageFeaturizer.ResNet18
/// (<see cref="ResNet18OnnxWeights"/> loads its weights). Any input size >= 32 works; at 224 the final map is 7x7.
/// </summary>
public sealed class ResNet18TorchModule : Module<Tensor, Tensor>
{
    /// <summary>Stage depths of the shipped pretrained network.</summary>
    public static readonly IReadOnlyList<int> PretrainedDepths = [2, 2, 2, 3];

    /// <summary>Channels of the final feature map, and of the pooled output.</summary>
    public const int FeatureChannels = 512;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private bool _folded;

    /// <summary>Randomly initialised (TorchSharp's defaults) network with the given stage depths.</summary>
    public ResNet18TorchModule(IReadOnlyList<int>? depths = null) : base(nameof(ResNet18TorchModule))
    {
        depths ??= PretrainedDepths;
        if (depths.Count != 4 || depths.Any(d => d < 1))
            throw new ArgumentException($"A ResNet needs four stage depths of at least 1, got [{string.Join(", ", depths)}].", nameof(depths));
        Depths = [.. depths];
        conv1 = Conv2d(3, 64, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = BatchNorm2d(64);
        relu = ReLU();
        maxpool = MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        layer1 = Stage(64, 64, depths[0], stride: 1);
        layer2 = Stage(64, 128, depths[1], stride: 2);
        layer3 = Stage(128, 256, depths[2], stride: 2);
        layer4 = Stage(256, FeatureChannels, depths[3], stride: 2);
        avgpool = AdaptiveAvgPool2d(1);
        RegisterComponents();
    }

    /// <summary>Stage depths of this network.</summary>
    public IReadOnlyList<int> Depths { get; }

    /// <summary>True after <see cref="FoldBatchNorm"/>: the network is an inference-only network without BatchNorm layers.</summary>
    public bool BatchNormFolded => _folded;

    /// <summary>
    /// Folds every BatchNorm into the convolution before it, for inference: with the running statistics,
    /// BN(conv(x)) = s * (W * x) + (beta - s * mean) where s = gamma / sqrt(var + eps), so the convolution gets the
    /// weights s * W and the bias beta - s * mean, and forward skips the BatchNorm layers (one pass over each
    /// feature map fewer, and in bf16 one rounding fewer). Computed in float32 whatever the module's type; call it
    /// before converting the module to bfloat16. Irreversible: the module no longer trains like the original
    /// (the statistics are frozen into the weights). Idempotent.
    /// </summary>
    public void FoldBatchNorm()
    {
        if (_folded) return;
        Fold(conv1, bn1);
        foreach (var stage in new[] { layer1, layer2, layer3, layer4 })
            foreach (var block in stage.children().Cast<ResNetBasicBlock>()) block.FoldBatchNorm();
        _folded = true;
    }

    /// <summary>Stores every 4-d weight (the convolutions') in channels-last layout: the same shapes and values, strides
    /// of an (O, kH, kW, I) buffer, the layout oneDNN's channels-last convolutions read without reordering per call.</summary>
    public void UseChannelsLastWeights()
    {
        using var _ = no_grad();
        foreach (var parameter in parameters().Where(p => p.dim() == 4))
        {
            using var channelsLast = parameter.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2); // (O, I, kH, kW), NHWC strides
            parameter.set_(channelsLast);
        }
    }

    /// <summary>Replaces <paramref name="conv"/>'s weights and bias with those of conv followed by <paramref name="bn"/> in eval mode.</summary>
    internal static void Fold(Conv2d conv, BatchNorm2d bn)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var type = conv.weight!.dtype;
        var weight = conv.weight.to(ScalarType.Float32);                               // (O, I, kH, kW)
        var scale = bn.weight!.to(ScalarType.Float32) / (bn.running_var!.to(ScalarType.Float32) + bn.eps).sqrt(); // (O)
        var bias = bn.bias!.to(ScalarType.Float32) - bn.running_mean!.to(ScalarType.Float32) * scale;             // (O)
        if (conv.bias is not null) bias = bias + conv.bias.to(ScalarType.Float32) * scale;
        conv.weight.set_((weight * scale.view(-1, 1, 1, 1)).to(type));
        conv.bias = new Parameter(bias.to(type).detach().MoveToOuterDisposeScope(), requires_grad: false);
    }

    /// <summary>(B, 3, H, W) preprocessed images -> (B, 512) pooled features.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var map = ForwardFeatures(input);                 // (B, 512, H/32, W/32)
        return avgpool.call(map).flatten(1).MoveToOuterDisposeScope(); // (B, 512)
    }

    /// <summary>(B, 3, H, W) -> the last stage's map (B, 512, H/32, W/32), e.g. (B, 512, 7, 7) at 224: one
    /// 512-d token per grid cell for attention over image regions.</summary>
    public Tensor ForwardFeatures(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 3)
            throw new ArgumentException($"Expected preprocessed images (B, 3, H, W), got ({string.Join(", ", input.shape)}).", nameof(input));
        using var scope = NewDisposeScope();
        var stem = conv1.call(input);                                  // (B, 64, H/2, W/2)
        var x = maxpool.call(relu.call(_folded ? stem : bn1.call(stem))); // (B, 64, H/4, W/4)
        x = layer1.call(x);                                            // (B, 64, H/4, W/4)
        x = layer2.call(x);                                            // (B, 128, H/8, W/8)
        x = layer3.call(x);                                            // (B, 256, H/16, W/16)
        x = layer4.call(x);                                            // (B, 512, H/32, W/32)
        return x.MoveToOuterDisposeScope();
    }

    private static Sequential Stage(long inChannels, long outChannels, int depth, long stride)
    {
        var blocks = new List<(string, Module<Tensor, Tensor>)>
        {
            ("0", new ResNetBasicBlock("0", inChannels, outChannels, stride)),
        };
        for (var i = 1; i < depth; i++)
            blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), new ResNetBasicBlock(i.ToString(System.Globalization.CultureInfo.InvariantCulture), outChannels, outChannels, 1)));
        return Sequential(blocks);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            relu.Dispose();
            maxpool.Dispose();
            layer1.Dispose();
            layer2.Dispose();
            layer3.Dispose();
            layer4.Dispose();
            avgpool.Dispose();
        }
        base.Dispose(disposing);
    }
}
