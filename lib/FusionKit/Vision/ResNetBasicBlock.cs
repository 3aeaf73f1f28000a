using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Vision;

/// <summary>
/// The residual basic block of He et al., "Deep Residual Learning for Image Recognition" (2015), as
/// TorchVision's <c>BasicBlock</c> defines it: conv3x3-BN-ReLU-conv3x3-BN, plus the input (through a 1x1
/// strided conv + BN <c>downsample</c> when the shape changes), then ReLU. Field names match TorchVision's
/// state-dict keys.
/// </summary>
public sealed class ResNetBasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;
    private bool _folded;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>; <paramref name="stride"/> 2 halves the map.</summary>
    public ResNetBasicBlock(string name, long inChannels, long outChannels, long stride) : base(name)
    {
        conv1 = Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        relu = ReLU();
        conv2 = Conv2d(outChannels, outChannels, kernel_size: 3, stride: 1, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
            downsample = Sequential(Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        RegisterComponents();
    }

    /// <summary>(B, C_in, H, W) -> (B, C_out, H/stride, W/stride).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        if (_folded)
        {
            var folded = conv2.call(relu.call(conv1.call(input)));                          // (B, C_out, H', W')
            var shortcut = downsample is null ? input : ((Conv2d)downsample[0]).call(input); // (B, C_out, H', W')
            return functional.relu(folded.add_(shortcut)).MoveToOuterDisposeScope();
        }
        var main = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(input)))));
        var identity = downsample is null ? input : downsample.call(input);
        return functional.relu(main + identity).MoveToOuterDisposeScope();
    }

    /// <summary>Folds each BatchNorm into the convolution before it (see <see cref="ResNet18TorchModule.FoldBatchNorm"/>);
    /// afterwards <see cref="forward"/> skips the BatchNorm layers.</summary>
    internal void FoldBatchNorm()
    {
        if (_folded) return;
        ResNet18TorchModule.Fold(conv1, bn1);
        ResNet18TorchModule.Fold(conv2, bn2);
        if (downsample is not null) ResNet18TorchModule.Fold((Conv2d)downsample[0], (BatchNorm2d)downsample[1]);
        _folded = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            relu.Dispose();
            conv2.Dispose();
            bn2.Dispose();
            downsample?.Dispose();
        }
        base.Dispose(disposing);
    }
}
