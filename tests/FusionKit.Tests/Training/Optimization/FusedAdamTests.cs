using FusionKit.Platform;
using FusionKit.Training;
using FusionKit.Tests.Training;
using FusionKit.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Tests.Training.Optimization;

[Collection(TorchTrainingCollection.Name)]
public class FusedAdamTests
{
    public FusedAdamTests() => TorchRuntime.EnsureReady();

    [Fact]
    public void FirstStep_MovesEachWeightByTheLearningRate_HandComputed()
    {
        // Adam's first step, by hand: m = (1-0.9)·0.5 = 0.05, v = (1-0.999)·0.25 = 0.00025; bias corrections 0.1 and
        // 0.001; denominator √0.00025 / √0.001 + 1e-8 = 0.5; step 0.1 / 0.1 · 0.05 / 0.5 = 0.1, so 1.0 -> 0.9, and
        // -2.0 with gradient -3 -> -1.9 (the first step is lr times the gradient's sign).
        using var weight = new Parameter(torch.tensor(new[] { 1.0f, -2.0f }));
        using var optimizer = new FusedAdam([weight], learningRate: 0.1);
        weight.grad = torch.tensor(new[] { 0.5f, -3.0f });
        optimizer.step();
        var values = weight.data<float>().ToArray();
        Assert.Equal(0.9f, values[0], 6);
        Assert.Equal(-1.9f, values[1], 6);
        Assert.Equal(1, optimizer.FusedSteps);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Steps_MatchTorchSharpsAdam_ToRounding(double weightDecay)
    {
        // The reference is TorchSharp's own Adam (torch.optim.Adam's formula, eight tensor operations per parameter).
        // 37 x 5 and 3 elements: the vector loop and its scalar tail both run. 30 steps of seeded random gradients.
        var (fused, fusedOptimizer) = Parameters(weightDecay, fusedAdam: true);
        var (reference, referenceOptimizer) = Parameters(weightDecay, fusedAdam: false);
        var random = new Random(7);
        for (var step = 0; step < 30; step++)
        {
            for (var k = 0; k < fused.Length; k++)
            {
                var gradient = Enumerable.Range(0, (int)fused[k].numel()).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                fused[k].grad = torch.tensor(gradient, fused[k].shape);
                reference[k].grad = torch.tensor(gradient, reference[k].shape);
            }
            fusedOptimizer.step();
            referenceOptimizer.step();
        }
        Assert.Equal(30, ((FusedAdam)fusedOptimizer).FusedSteps);
        for (var k = 0; k < fused.Length; k++)
            Assert.True(fused[k].allclose(reference[k], rtol: 1e-5, atol: 1e-6),
                        $"parameter {k}: largest difference {(fused[k] - reference[k]).abs().max().item<float>()}");
        var fusedState = fusedOptimizer.state_dict().State.Cast<Adam.State>().ToArray();
        var referenceState = referenceOptimizer.state_dict().State.Cast<Adam.State>().ToArray();
        for (var k = 0; k < fused.Length; k++)
        {
            Assert.Equal(30, fusedState[k].step);
            Assert.True(fusedState[k].exp_avg.allclose(referenceState[k].exp_avg, rtol: 1e-5, atol: 1e-7));
            Assert.True(fusedState[k].exp_avg_sq.allclose(referenceState[k].exp_avg_sq, rtol: 1e-5, atol: 1e-9));
        }
        fusedOptimizer.Dispose();
        referenceOptimizer.Dispose();
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.01f)]
    public void Update512_GivesTheBitsOfTheOneElementFormula(float weightDecay)
    {
        // The 512-bit loop (used where the processor runs such vectors) must give, per element, the bits of torch's formula
        // in torch's order, written out here one float at a time: 37 elements, so 32 in vectors and 5 left for the caller.
        var random = new Random(11);
        float[] Draw(float scale) => Enumerable.Range(0, 37).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
        var (p, g, m) = (Draw(1), Draw(1), Draw(0.1f));
        var v = Draw(0.01f).Select(MathF.Abs).ToArray();
        var c = new FusedAdam.Coefficients(Beta1: 0.9f, OneMinusBeta1: 0.1f, Beta2: 0.999f, OneMinusBeta2: 0.001f,
                                           SqrtBiasCorrection2: MathF.Sqrt(1 - MathF.Pow(0.999f, 3)), Epsilon: 1e-8f,
                                           NegativeStepSize: -1e-3f / (1 - MathF.Pow(0.9f, 3)), WeightDecay: weightDecay);
        var (ep, em, ev) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone());
        for (var i = 0; i < 32; i++)
        {
            var gi = weightDecay != 0 ? g[i] + weightDecay * ep[i] : g[i];
            em[i] = em[i] * c.Beta1 + c.OneMinusBeta1 * gi;
            ev[i] = ev[i] * c.Beta2 + c.OneMinusBeta2 * gi * gi;
            ep[i] += c.NegativeStepSize * (em[i] / (MathF.Sqrt(ev[i]) / c.SqrtBiasCorrection2 + c.Epsilon));
        }

        Assert.Equal(32, FusedAdam.Update512(p, g, m, v, c));
        Assert.Equal(ep, p);
        Assert.Equal(em, m);
        Assert.Equal(ev, v);
    }

    [Fact]
    public void ParameterWithoutGradient_IsLeftAlone()
    {
        using var trained = new Parameter(torch.ones(4));
        using var frozen = new Parameter(torch.ones(4));
        using var optimizer = new FusedAdam([trained, frozen], learningRate: 0.1);
        trained.grad = torch.ones(4);
        optimizer.step();
        Assert.All(trained.data<float>().ToArray(), v => Assert.Equal(0.9f, v, 6));
        Assert.All(frozen.data<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(0, ((Adam.State)optimizer.state_dict().State[1]).step);
    }

    [Fact]
    public void DoubleParameters_TakeTorchSharpsStep_AndMatchItExactly()
    {
        using var fused = new Parameter(torch.tensor(new[] { 1.0, 2.0, 3.0 }));
        using var reference = new Parameter(torch.tensor(new[] { 1.0, 2.0, 3.0 }));
        using var fusedOptimizer = new FusedAdam([fused], learningRate: 0.01);
        using var referenceOptimizer = torch.optim.Adam([reference], 0.01, 0.9, 0.999);
        for (var step = 0; step < 3; step++)
        {
            fused.grad = torch.tensor(new[] { 0.3, -0.2, 0.1 * step });
            reference.grad = torch.tensor(new[] { 0.3, -0.2, 0.1 * step });
            fusedOptimizer.step();
            referenceOptimizer.step();
        }
        Assert.Equal(0, fusedOptimizer.FusedSteps);
        Assert.Equal(reference.data<double>().ToArray(), fused.data<double>().ToArray());
    }

    [Fact]
    public void StateSavedAndLoaded_ContinuesAsAnUninterruptedRun()
    {
        var (straight, straightOptimizer) = Parameters(0, fusedAdam: true);
        var (resumed, resumedOptimizer) = Parameters(0, fusedAdam: true);
        void Step(Parameter[] parameters, OptimizerHelper optimizer, int step)
        {
            foreach (var p in parameters) p.grad = torch.full(p.shape, 0.1f * (step + 1) - 0.25f);
            optimizer.step();
        }
        for (var step = 0; step < 4; step++) Step(straight, straightOptimizer, step);
        for (var step = 0; step < 2; step++) Step(resumed, resumedOptimizer, step);
        var saved = ModelFiles.ToBytes(resumedOptimizer);
        var weights = resumed.Select(p => p.detach().clone()).ToArray();
        resumedOptimizer.Dispose();
        var (fresh, freshOptimizer) = Parameters(0, fusedAdam: true);
        using (torch.no_grad())
            for (var k = 0; k < fresh.Length; k++) fresh[k].copy_(weights[k]);
        ModelFiles.FromBytes(freshOptimizer, saved);
        for (var step = 2; step < 4; step++) Step(fresh, freshOptimizer, step);
        for (var k = 0; k < fresh.Length; k++)
            Assert.Equal(straight[k].data<float>().ToArray(), fresh[k].data<float>().ToArray());
        straightOptimizer.Dispose();
        freshOptimizer.Dispose();
    }

    /// <summary>A 37 x 5 weight and a 3-element bias with fixed values, and Adam (lr 0.01) over them.</summary>
    private static (Parameter[] Parameters, OptimizerHelper Optimizer) Parameters(double weightDecay, bool fusedAdam)
    {
        var weight = new Parameter(torch.linspace(-1, 1, 37 * 5).reshape(37, 5));
        var bias = new Parameter(torch.tensor(new[] { 0.5f, -0.25f, 0.125f }));
        Parameter[] parameters = [weight, bias];
        OptimizerHelper optimizer = fusedAdam
            ? new FusedAdam(parameters, learningRate: 0.01, weightDecay: weightDecay)
            : torch.optim.Adam(parameters, 0.01, 0.9, 0.999, 1e-8, weightDecay);
        return (parameters, optimizer);
    }
}
