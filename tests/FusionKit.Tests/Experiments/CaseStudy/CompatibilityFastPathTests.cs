using FusionKit.Models;
using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Tests.Experiments.CaseStudy;

/// <summary>
/// The factorised first layer of <see cref="CompatibilityModel"/> (W_x x + W_t t + b, broadcast over (B, C)) must be
/// the same function as the paired path (B*C concatenated rows through the head): same scores, same gradients.
/// The reference is the paired path itself, which the Fusion tests check pair by pair against the head.
/// </summary>
public class CompatibilityFastPathTests
{
    public CompatibilityFastPathTests() => TorchRuntime.EnsureReady();

    private static float[][] LabelTexts(int classes, int dim, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, dim).Select(_ => (float)TorchTestSupport.Gaussian(random)).ToArray()).ToArray();
    }

    private static (float[] Scores, Dictionary<string, float[]> Gradients) ScoresAndGradients(CompatibilityModel model, Tensor image, Tensor labels, bool factorized)
    {
        model.UseFactorizedFirstLayer = factorized;
        model.zero_grad();
        using var scope = torch.NewDisposeScope();
        var scores = model.Logits(image, null);                         // (B, C)
        var loss = nn.functional.cross_entropy(scores, labels);
        loss.backward();
        var gradients = model.named_parameters().ToDictionary(p => p.name, p => TorchTestSupport.Values(p.parameter.grad!));
        return (TorchTestSupport.Values(scores), gradients);
    }

    [Theory]
    [InlineData(HeadActivation.ReLU, new[] { 16 })]
    [InlineData(HeadActivation.Sigmoid, new[] { 12, 7 })]
    [InlineData(HeadActivation.Tanh, new[] { 9 })]
    [InlineData(HeadActivation.GELU, new[] { 8, 8 })]
    public void FactorizedPath_GivesTheSameScoresAndGradients_AsThePairedPath(HeadActivation activation, int[] hidden)
    {
        const int classes = 5, imageDim = 11, textDim = 6, batch = 7;
        using var model = TorchTestSupport.Reinitialize(CompatibilityModel.Concat(LabelTexts(classes, textDim, 3), imageDim, hidden, activation), 17);
        Assert.True(model.CanFactorize);
        var random = new Random(23);
        using var image = torch.tensor(Enumerable.Range(0, batch * imageDim).Select(_ => (float)TorchTestSupport.Gaussian(random)).ToArray(), batch, imageDim);
        using var labels = torch.tensor(new long[] { 0, 1, 2, 3, 4, 0, 2 });

        var (pairedScores, pairedGradients) = ScoresAndGradients(model, image, labels, factorized: false);
        var (fastScores, fastGradients) = ScoresAndGradients(model, image, labels, factorized: true);

        Assert.Equal(batch * classes, fastScores.Length);
        for (var i = 0; i < pairedScores.Length; i++) Assert.Equal(pairedScores[i], fastScores[i], 1e-5f);
        Assert.Equal(pairedGradients.Keys.OrderBy(k => k), fastGradients.Keys.OrderBy(k => k));
        // The last layer's bias adds the same number to every class's score, which softmax cross-entropy ignores: its
        // gradient is Σ_c (p_c - y_c) = 0 up to rounding (exactly 0 or a residue, depending on the BLAS kernel).
        var lastBias = pairedGradients.Keys.Where(k => k.StartsWith("head.layers.", StringComparison.Ordinal) && k.EndsWith(".bias", StringComparison.Ordinal))
            .MaxBy(k => int.Parse(k.Split('.')[2]))!;
        foreach (var gradients in new[] { pairedGradients, fastGradients })
            Assert.All(gradients[lastBias], g => Assert.True(Math.Abs(g) <= 1e-6, $"{lastBias}: {g}"));
        foreach (var (name, expected) in pairedGradients.Where(p => p.Key != lastBias))
        {
            var actual = fastGradients[name];
            Assert.True(expected.Any(g => g != 0), $"{name}: the reference gradient is all zero, the comparison would prove nothing");
            for (var i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"{name}[{i}]: paired {expected[i]}, factorized {actual[i]}");
        }
    }

    [Fact]
    public void ProjectedConcat_AndLinearHeads_UseThePairedPath()
    {
        using var projected = CompatibilityModel.Concat(LabelTexts(3, 4, 1), imageDim: 5, hiddenSizes: [6], projectionDim: 3);
        Assert.False(projected.CanFactorize);
        using var linear = CompatibilityModel.Concat(LabelTexts(3, 4, 1), imageDim: 5, hiddenSizes: []);
        Assert.False(linear.CanFactorize);
        using var image = torch.ones(2, 5);
        using var scores = projected.Logits(image, null);
        Assert.Equal(new long[] { 2, 3 }, scores.shape);
    }
}
