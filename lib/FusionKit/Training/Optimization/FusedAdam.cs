using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Training.Optimization;

/// <summary>
/// Adam (Kingma and Ba 2015, as <c>torch.optim.Adam</c> computes it, L2 weight decay added to the gradient) with
/// the update of a float32 CPU parameter done in one pass over its memory: the moment updates, the bias-corrected
/// denominator and the parameter step per element, where TorchSharp's <see cref="Adam"/> runs eight tensor operations
/// per parameter, each a pass over memory and two of them allocations. On the case-study head (896-512-10, batch 32,
/// one thread) TorchSharp's Adam step took 1.2 of the training step's 2.0 ms; this one takes 0.4 (<c>fusionkit bench train</c>
/// times the whole training).
/// This is what PyTorch's own <c>fused=True</c> Adam does on its devices; TorchSharp does not expose that kernel.
/// <para>
/// The state is <see cref="Adam"/>'s (step count, first and second moments per parameter), so checkpoints carry it
/// as before; parameters on another device or of another type, amsgrad, maximize and a loss closure take
/// <see cref="Adam"/>'s own step. The arithmetic follows torch's order (m·β1 + (1−β1)·g; v·β2 + (1−β2)·g·g;
/// p + (−lr/bc1)·m / (√v / √bc2 + ε)) in float32; the results agree with torch's Adam to rounding (a test compares
/// them), not bit for bit (torch's vector kernels fuse some multiply-adds).
/// </para>
/// </summary>
public sealed class FusedAdam : Adam
{
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="learningRate">Step size (lr).</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to the denominator.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (Adam's, not AdamW's decoupled decay).</param>
    public FusedAdam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                     double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay)
    {
    }

    /// <summary>How many steps took the fused path (the rest took <see cref="Adam"/>'s); for tests and benchmarks.</summary>
    public long FusedSteps { get; private set; }

    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is not null || !Fusable()) return base.step(closure);
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        foreach (var group in _parameter_groups)
        {
            var options = (Options)group.Options;
            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            foreach (var parameter in group.Parameters)
            {
                var grad = parameter.grad;
                if (grad is null) continue;
                var state = (State)_state[parameter.Handle];
                state.step += 1;
                var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
                var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
                var coefficients = new Coefficients(
                    Beta1: (float)beta1, OneMinusBeta1: (float)(1 - beta1), Beta2: (float)beta2, OneMinusBeta2: (float)(1 - beta2),
                    SqrtBiasCorrection2: (float)Math.Sqrt(biasCorrection2), Epsilon: (float)options.eps!.Value,
                    NegativeStepSize: (float)(-options.LearningRate!.Value / biasCorrection1), WeightDecay: (float)options.weight_decay!.Value);
                Update(parameter, grad.contiguous(), state.exp_avg, state.exp_avg_sq, coefficients);
            }
        }
        FusedSteps++;
        return null!;
    }

    /// <summary>True when every parameter with a gradient is a float32 CPU tensor laid out contiguously, and the
    /// options are plain Adam's (no amsgrad, no maximize).</summary>
    private bool Fusable()
    {
        foreach (var group in _parameter_groups)
        {
            var options = (Options)group.Options;
            if (options.amsgrad == true || options.maximize == true) return false;
            foreach (var parameter in group.Parameters)
            {
                if (parameter.device_type != DeviceType.CPU || parameter.dtype != ScalarType.Float32 || !parameter.is_contiguous()) return false;
                var state = (State)_state[parameter.Handle];
                if (!state.exp_avg.is_contiguous() || !state.exp_avg_sq.is_contiguous()) return false;
            }
        }
        return true;
    }

    internal readonly record struct Coefficients(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2,
                                                float SqrtBiasCorrection2, float Epsilon, float NegativeStepSize, float WeightDecay);

    /// <summary>
    /// One pass over the four tensors (they share a shape), on the calling thread: a second thread measured slower
    /// (libtorch's OpenMP workers spin on the other core between operations).
    /// </summary>
    private static void Update(Tensor parameter, Tensor grad, Tensor firstMoment, Tensor secondMoment, Coefficients c)
    {
        var p = MemoryMarshal.Cast<byte, float>(parameter.bytes);
        var g = MemoryMarshal.Cast<byte, float>(grad.bytes);
        var m = MemoryMarshal.Cast<byte, float>(firstMoment.bytes);
        var v = MemoryMarshal.Cast<byte, float>(secondMoment.bytes);
        var length = p.Length;
        var i = Vector512.IsHardwareAccelerated ? Update512(p, g, m, v, c) : 0;
        if (Vector.IsHardwareAccelerated && length - i >= Vector<float>.Count)
        {
            var beta1 = new Vector<float>(c.Beta1);
            var oneMinusBeta1 = new Vector<float>(c.OneMinusBeta1);
            var beta2 = new Vector<float>(c.Beta2);
            var oneMinusBeta2 = new Vector<float>(c.OneMinusBeta2);
            var sqrtBiasCorrection2 = new Vector<float>(c.SqrtBiasCorrection2);
            var epsilon = new Vector<float>(c.Epsilon);
            var negativeStepSize = new Vector<float>(c.NegativeStepSize);
            var weightDecay = new Vector<float>(c.WeightDecay);
            var decays = c.WeightDecay != 0;
            var pv = MemoryMarshal.Cast<float, Vector<float>>(p[i..]);
            var gv = MemoryMarshal.Cast<float, Vector<float>>(g[i..]);
            var mv = MemoryMarshal.Cast<float, Vector<float>>(m[i..]);
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v[i..]);
            for (var k = 0; k < pv.Length; k++)
            {
                var gk = decays ? gv[k] + weightDecay * pv[k] : gv[k];
                var mk = mv[k] * beta1 + oneMinusBeta1 * gk;
                var vk = vv[k] * beta2 + oneMinusBeta2 * gk * gk;
                mv[k] = mk;
                vv[k] = vk;
                pv[k] += negativeStepSize * (mk / (Vector.SquareRoot(vk) / sqrtBiasCorrection2 + epsilon));
            }
            i += pv.Length * Vector<float>.Count;
        }
        for (; i < length; i++)
        {
            var gi = c.WeightDecay != 0 ? g[i] + c.WeightDecay * p[i] : g[i];
            var mi = m[i] * c.Beta1 + c.OneMinusBeta1 * gi;
            var vi = v[i] * c.Beta2 + c.OneMinusBeta2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] += c.NegativeStepSize * (mi / (MathF.Sqrt(vi) / c.SqrtBiasCorrection2 + c.Epsilon));
        }
    }

    /// <summary>
    /// The same arithmetic as <see cref="Update"/> on 16 floats at a time, where the processor runs 512-bit vectors
    /// (<see cref="Vector{T}"/> stays at 256 bits there): each element takes the same operations in the same order, so the
    /// same bits. Returns how many leading elements it updated (a multiple of 16); <see cref="Update"/> does the rest.
    /// </summary>
    internal static int Update512(Span<float> p, Span<float> g, Span<float> m, Span<float> v, Coefficients c)
    {
        var pv = MemoryMarshal.Cast<float, Vector512<float>>(p);
        var gv = MemoryMarshal.Cast<float, Vector512<float>>(g);
        var mv = MemoryMarshal.Cast<float, Vector512<float>>(m);
        var vv = MemoryMarshal.Cast<float, Vector512<float>>(v);
        var beta1 = Vector512.Create(c.Beta1);
        var oneMinusBeta1 = Vector512.Create(c.OneMinusBeta1);
        var beta2 = Vector512.Create(c.Beta2);
        var oneMinusBeta2 = Vector512.Create(c.OneMinusBeta2);
        var sqrtBiasCorrection2 = Vector512.Create(c.SqrtBiasCorrection2);
        var epsilon = Vector512.Create(c.Epsilon);
        var negativeStepSize = Vector512.Create(c.NegativeStepSize);
        var weightDecay = Vector512.Create(c.WeightDecay);
        var decays = c.WeightDecay != 0;
        for (var k = 0; k < pv.Length; k++)
        {
            var gk = decays ? gv[k] + weightDecay * pv[k] : gv[k];
            var mk = mv[k] * beta1 + oneMinusBeta1 * gk;
            var vk = vv[k] * beta2 + oneMinusBeta2 * gk * gk;
            mv[k] = mk;
            vv[k] = vk;
            pv[k] += negativeStepSize * (mk / (Vector512.Sqrt(vk) / sqrtBiasCorrection2 + epsilon));
        }
        return pv.Length * Vector512<float>.Count;
    }
}
