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
        using var reference = nn.Conv2d(input, output, kernel, stride: stride, padding: padding);
        using var x = randn(batch, input, size, size);
        AssertMatchesFloat64(conv, reference, h => BlockAlignedConvolution.Forward(conv, h), x);
    }

    [Theory]
    [InlineData(32, 1, 14, 32)] // G's transposed output layer, default widths
    [InlineData(4, 1, 14, 16)]  // G's transposed output layer, tiny widths
    [InlineData(8, 4, 7, 16)]   // G's first transposed layer, tiny widths
    public void TransposedConvolution_MatchesFloat64_AfterDirtyMemory_OnOneAndTwoThreads(int input, int output, int size, int batch)
    {
        manual_seed(4);
        using var deconv = nn.ConvTranspose2d(input, output, 4, stride: 2, padding: 1);
        using var reference = nn.ConvTranspose2d(input, output, 4, stride: 2, padding: 1);
        using var x = randn(batch, input, size, size);
        AssertMatchesFloat64(deconv, reference, h => BlockAlignedConvolution.Forward(deconv, h), x);
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

    /// <summary><paramref name="aligned"/> (<paramref name="layer"/> run in whole blocks) against <paramref name="reference"/>, a
    /// layer of the same shape given <paramref name="layer"/>'s parameters in float64: four calls on one thread, four on two,
    /// each after a NaN-filled heap.</summary>
    private static void AssertMatchesFloat64(nn.Module<Tensor, Tensor> layer, nn.Module<Tensor, Tensor> reference, Func<Tensor, Tensor> aligned, Tensor x)
    {
        reference.to(ScalarType.Float64);
        var parameters = layer.parameters().ToArray();         // weight, bias
        var referenceParameters = reference.parameters().ToArray();
        using (no_grad())
            for (var i = 0; i < parameters.Length; i++) referenceParameters[i].copy_(parameters[i]);
        var expected = Gradients(reference.call, x.to(ScalarType.Float64), referenceParameters);
        foreach (var threads in new[] { 1, 2 })
        {
            using var scope = TorchThreadScope.Use(threads);
            for (var call = 0; call < 4; call++)
            {
                DirtyTheHeap();
                AssertClose(expected, Gradients(aligned, x, parameters), $"{threads} thread(s), call {call}");
            }
        }
    }

    /// <summary>Output, input gradient and the gradients of <paramref name="parameters"/> (weight, bias) of Σ m·layer(x) for a
    /// fixed m that is not symmetric about zero (so the bias gradients are not zero).</summary>
    private static double[][] Gradients(Func<Tensor, Tensor> layer, Tensor x, Parameter[] parameters)
    {
        using var scope = NewDisposeScope();
        foreach (var p in parameters) p.grad?.zero_();
        var input = x.detach().clone().requires_grad_(true);
        var y = layer(input);
        var mix = linspace(0, 1, y.numel(), dtype: y.dtype).reshape(y.shape).pow(2) - 0.3;
        (y * mix).sum().backward();
        return [Values(y), Values(input.grad!), .. parameters.Select(p => Values(p.grad!))];
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
