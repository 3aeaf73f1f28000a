using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Generation;

/// <summary>
/// Runs a network's convolution with its output channels computed in whole blocks of <see cref="Block"/>: zero filters
/// pad the weight to the next multiple of 16 and the surplus channels are dropped, so the values and gradients are
/// those of the plain layer (its parameters, names and initialisation untouched). Grouped layers and padding modes other
/// than zeros run as they are (the GANs have none).
/// <para>Why: the oneDNN that libtorch 2.10 bundles (3.7.1, TorchSharp 0.107.0) computes float convolutions with fewer
/// than 16 output channels wrongly in the backward pass. Measured on an AMD EPYC (Zen 5, AVX-512) with its AVX-512
/// kernels and with them held to AVX2 (ONEDNN_MAX_CPU_ISA=AVX2), on one thread and on two: the input and weight
/// gradients of the GANs' convolutions with 1, 4 or 8 output channels depended on what the memory held before (NaN
/// where it held NaN), so two identical trainings differed and a GAN learned nothing. Padded to 16, every shape the
/// GANs use matched float64 (tests/.../BlockAlignedConvolutionTests.cs); libtorch's own kernels (oneDNN switched off)
/// were right too, but made a GAN's training step about four times slower.</para>
/// </summary>
public static class BlockAlignedConvolution
{
    /// <summary>Output channels are computed in multiples of this: the channel block of oneDNN's AVX-512 kernels.</summary>
    public const int Block = 16;

    /// <summary><paramref name="conv"/>(<paramref name="input"/>), its output channels computed in whole blocks.</summary>
    public static Tensor Forward(Conv2d conv, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(input);
        var weight = conv.weight!;                                                          // (O, I, kH, kW)
        var outputs = weight.shape[0];
        if (outputs % Block == 0 || conv.groups != 1 || conv.padding_mode != PaddingModes.Zeros) return conv.call(input);
        using var scope = NewDisposeScope();
        var padded = nn.functional.conv2d(input, Pad(weight, 0), conv.bias is { } b ? Pad(b, 0) : null,
                                          strides: conv.stride, padding: conv.padding, dilation: conv.dilation, groups: conv.groups);
        return padded.narrow(1, 0, outputs).MoveToOuterDisposeScope();                    // (B, O, H', W')
    }

    /// <summary><paramref name="deconv"/>(<paramref name="input"/>), its output channels computed in whole blocks.</summary>
    public static Tensor Forward(ConvTranspose2d deconv, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(deconv);
        ArgumentNullException.ThrowIfNull(input);
        var weight = deconv.weight!;                                                        // (I, O, kH, kW)
        var outputs = weight.shape[1];
        if (outputs % Block == 0 || deconv.groups != 1) return deconv.call(input);
        using var scope = NewDisposeScope();
        var padded = nn.functional.conv_transpose2d(input, Pad(weight, 1), deconv.bias is { } b ? Pad(b, 0) : null,
                                                    strides: deconv.stride, padding: deconv.padding, output_padding: deconv.output_padding, dilation: deconv.dilation);
        return padded.narrow(1, 0, outputs).MoveToOuterDisposeScope();                    // (B, O, H', W')
    }

    /// <summary><paramref name="parameter"/> with zeros appended along <paramref name="dim"/> up to the next multiple of <see cref="Block"/>.</summary>
    private static Tensor Pad(Tensor parameter, int dim)
    {
        var size = parameter.shape[dim];
        var shape = (long[])parameter.shape.Clone();
        shape[dim] = (size + Block - 1) / Block * Block - size;
        return cat([parameter, zeros(shape, parameter.dtype, parameter.device)], dim);
    }
}
