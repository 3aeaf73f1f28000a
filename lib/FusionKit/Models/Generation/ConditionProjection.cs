using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Models.Generation;

/// <summary>
/// φ(t) -> LeakyReLU(W φ(t) + b), (B, D_c) -> (B, P): the compression of the text embedding that Reed et al. 2016
/// ("Generative Adversarial Text to Image Synthesis", section 4.1) place in front of both G and D (P = 128,
/// leaky slope 0.2). Used unchanged for one-hot label conditions.
/// </summary>
public sealed class ConditionProjection : Module<Tensor, Tensor>
{
    private readonly Linear linear;

    public ConditionProjection(int conditionDim, int projectedDim) : base(nameof(ConditionProjection))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(conditionDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(projectedDim);
        linear = nn.Linear(conditionDim, projectedDim);
        ConditionDim = conditionDim;
        RegisterComponents();
    }

    /// <summary>D_c, the width of the condition it reads.</summary>
    public int ConditionDim { get; }

    public override Tensor forward(Tensor condition)
    {
        if (condition.ndim != 2 || condition.shape[1] != ConditionDim)
            throw new ArgumentException($"The condition must be (B, {ConditionDim}); got ({string.Join(", ", condition.shape)}).", nameof(condition));
        using var scope = NewDisposeScope();
        var projected = nn.functional.leaky_relu(linear.call(condition), 0.2); // (B, P)
        return projected.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) linear.Dispose();
        base.Dispose(disposing);
    }
}
