using FusionKit.Models.Generation;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Tests.Models.Generation;

/// <summary>
/// The GANs' convolutions, computed in whole channel blocks, give the values and gradients of the same convolution in
/// float64 — which libtorch computes with its own kernels (oneDNN has no float64 path) — whatever the memory held
/// before, on one thread and on two. Run plainly (conv.call), the shapes with 1, 4 or 8 output channels failed this
/// on an AMD EPYC (Zen 5): NaN after memory that held NaN, wrong values after other contents.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class BlockAlignedConvolutionTests
{
    public BlockAlignedConvolutionTests() => TorchRuntime.EnsureReady();

    [Theory]
    [InlineData(8, 4, 14, 3, 1, 1, 16)]   // G's resize convolution, tiny widths (the tests' networks)
    [InlineData(4, 1, 28, 3, 1, 1, 16)]   // G's output convolution, tiny widths
    [InlineData(1, 4, 28, 4, 2, 1, 16)]   // D's first convolution, tiny widths
    [InlineData(4, 8, 14, 4, 2, 1, 16)]   // D's second convolution, tiny widths
    [InlineData(9, 8, 7, 1, 1, 0, 16)]    // D's joint 1x1 convolution, tiny widths
    [InlineData(64, 32, 14, 3, 1, 1, 32)] // G's resize convolution, default widths
    [InlineData(32, 1, 28, 3, 1, 1, 32)]  // G's output convolution, default widths
    [InlineData(1, 32, 28, 4, 2, 1, 32)]  // D's first convolution, default widths
    [InlineData(8, 8, 14, 3, 1, 1, 8)]    // eight output channels, a short batch
    public void Convolution_MatchesFloat64_AfterDirtyMemory_OnOneAndTwoThreads(int input, int output, int size, int kernel, int stride, int padding, int batch)
    {
        manual_seed(3);
        using var conv = nn.Conv2d(input, output, kernel, stride: stride, padding: padding);
        using var x = randn(batch, input, size, size);
        using var reference = nn.Conv2d(input, output, kernel, stride: stride, padding: padding);
        reference.to(ScalarType.Float64);
        using (no_grad())
        {
            reference.weight!.copy_(conv.weight!);
            reference.bias!.copy_(conv.bias!);
        }
        var expected = Gradients(h => reference.call(h), x.to(ScalarType.Float64), reference.weight!, reference.bias!);
        foreach (var threads in new[] { 1, 2 })
        {
            using var scope = TorchThreadScope.Use(threads);
            for (var call = 0; call < 4; call++)
            {
                DirtyTheHeap();
                var actual = Gradients(h => BlockAlignedConvolution.Forward(conv, h), x, conv.weight!, conv.bias!);
                AssertClose(expected, actual, $"{threads} thread(s), call {call}");
            }
        }
    }

    [Theory]
    [InlineData(32, 1, 14, 32)] // G's transposed output layer, default widths
    [InlineData(4, 1, 14, 16)]  // G's transposed output layer, tiny widths
    [InlineData(8, 4, 7, 16)]   // G's first transposed layer, tiny widths
    public void TransposedConvolution_MatchesFloat64_AfterDirtyMemory_OnOneAndTwoThreads(int input, int output, int size, int batch)
    {
        manual_seed(4);
        using var deconv = nn.ConvTranspose2d(input, output, 4, stride: 2, padding: 1);
        using var x = randn(batch, input, size, size);
        using var reference = nn.ConvTranspose2d(input, output, 4, stride: 2, padding: 1);
        reference.to(ScalarType.Float64);
        using (no_grad())
        {
            reference.weight!.copy_(deconv.weight!);
            reference.bias!.copy_(deconv.bias!);
        }
        var expected = Gradients(h => reference.call(h), x.to(ScalarType.Float64), reference.weight!, reference.bias!);
        foreach (var threads in new[] { 1, 2 })
        {
            using var scope = TorchThreadScope.Use(threads);
            for (var call = 0; call < 4; call++)
            {
                DirtyTheHeap();
                var actual = Gradients(h => BlockAlignedConvolution.Forward(deconv, h), x, deconv.weight!, deconv.bias!);
                AssertClose(expected, actual, $"{threads} thread(s), call {call}");
            }
        }
    }

    [Fact]
    public void WholeBlocks_RunTheLayerItself()
    {
        manual_seed(5);
        using var conv = nn.Conv2d(3, BlockAlignedConvolution.Block, 3, padding: 1);
        using var x = randn(2, 3, 8, 8);
        using var plain = conv.call(x);
        using var aligned = BlockAlignedConvolution.Forward(conv, x);
        Assert.Equal(plain.data<float>().ToArray(), aligned.data<float>().ToArray());
        Assert.Equal(plain.shape, aligned.shape);
    }

    /// <summary>Output, input gradient, weight gradient and bias gradient of Σ m·layer(x) for a fixed m spread over [-1, 1]
    /// (so the bias gradients are not all zero: m's sum per channel is not zero for a ramp over the whole output).</summary>
    private static double[][] Gradients(Func<Tensor, Tensor> layer, Tensor x, Parameter weight, Parameter bias)
    {
        using var scope = NewDisposeScope();
        weight.grad?.zero_();
        bias.grad?.zero_();
        var input = x.detach().clone().requires_grad_(true);
        var y = layer(input);
        var mix = linspace(0, 1, y.numel(), dtype: y.dtype).reshape(y.shape).pow(2) - 0.3;
        (y * mix).sum().backward();
        return [Values(y), Values(input.grad!), Values(weight.grad!), Values(bias.grad!)];
    }

    private static double[] Values(Tensor t) => t.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();

    private static void AssertClose(double[][] expected, double[][] actual, string context)
    {
        string[] names = ["output", "input gradient", "weight gradient", "bias gradient"];
        for (var k = 0; k < expected.Length; k++)
        {
            var scale = expected[k].Max(Math.Abs);
            var worst = expected[k].Zip(actual[k], (e, a) => Math.Abs(e - a)).Max();
            Assert.False(double.IsNaN(worst) || actual[k].Any(double.IsNaN), $"{context}: NaN in the {names[k]}");
            Assert.True(worst <= 1e-4 * scale + 1e-6, $"{context}: the {names[k]} is {worst:G3} from float64's (scale {scale:G3})");
        }
    }

    /// <summary>Fills and frees a few MB of NaN, so the next allocations start from memory that held it.</summary>
    private static void DirtyTheHeap()
    {
        using var junk = full(1 << 20, float.NaN);
    }
}
