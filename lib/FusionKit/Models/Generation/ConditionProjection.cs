using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Models.Generation;

/// <summary>
/// φ(t) -> LeakyReLU(W φ(t) + b), (B, D_c) -> (B, P): the compression of the text embedding that Reed et al. 2016
/// ("Generative Adversarial Text to Image Synthesis", section 4.1) place in front of both G and D (P = 128,
/// leaky slope 0.2). Used unchanged for one-hot label conditions.
/// The condition is first centred and scaled with statistics of the training conditions
/// (<see cref="FitStatistics"/>), kept as buffers so they are saved and loaded with the weights. Without this,
/// sentence embeddings (MiniLM: unit vectors whose captions share one dominant direction, per-dimension spread
/// across captions about 0.04) reach the N(0, 0.02) projection as nearly the same vector, so G and D could not
/// tell one caption from another: the smoke-profile generator drew one image for every prompt.
/// </summary>
public sealed class ConditionProjection : Module<Tensor, Tensor>
{
    private readonly Linear linear;
    private readonly Tensor condition_mean;
    private readonly Tensor condition_scale;

    public ConditionProjection(int conditionDim, int projectedDim) : base(nameof(ConditionProjection))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(conditionDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(projectedDim);
        linear = nn.Linear(conditionDim, projectedDim);
        ConditionDim = conditionDim;
        condition_mean = torch.zeros(conditionDim);                      // (D_c)
        condition_scale = torch.ones(1);                                 // (1)
        RegisterComponents();
    }

    /// <summary>
    /// Sets the standardisation to the statistics of <paramref name="conditions"/> (K, D_c), the training conditions:
    /// subtract their mean vector, divide by one global scale, the root of their mean per-dimension variance, so the
    /// spread between conditions has unit variance per dimension on average while their geometry (angles, relative
    /// distances) is kept. A table without spread (one row) leaves the scale at 1.
    /// </summary>
    public void FitStatistics(Tensor conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.ndim != 2 || conditions.shape[1] != ConditionDim || conditions.shape[0] == 0)
            throw new ArgumentException($"The training conditions must be (K, {ConditionDim}) with K > 0; got ({string.Join(", ", conditions.shape)}).", nameof(conditions));
        using var scope = NewDisposeScope();
        using var noGrad = torch.no_grad();
        var table = conditions.to(ScalarType.Float32).to(condition_mean.device);         // (K, D_c)
        var mean = table.mean([0]);                                                       // (D_c)
        var spread = Spread(table);
        condition_mean.copy_(mean);
        condition_scale.fill_(spread > 1e-12f ? 1f / spread : 1f);
    }

    /// <summary>The spread of a condition table (K, D_c): the root of its mean per-dimension variance, the global scale
    /// <see cref="FitStatistics"/> divides by (and the unit of the GAN trainer's condition noise).</summary>
    public static float Spread(Tensor conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        using var scope = NewDisposeScope();
        return (conditions - conditions.mean([0])).pow(2).mean().sqrt().item<float>();  // root mean per-dimension variance
    }

    /// <summary>D_c, the width of the condition it reads.</summary>
    public int ConditionDim { get; }

    public override Tensor forward(Tensor condition)
    {
        if (condition.ndim != 2 || condition.shape[1] != ConditionDim)
            throw new ArgumentException($"The condition must be (B, {ConditionDim}); got ({string.Join(", ", condition.shape)}).", nameof(condition));
        using var scope = NewDisposeScope();
        var standardized = (condition - condition_mean) * condition_scale;   // (B, D_c)
        var projected = nn.functional.leaky_relu(linear.call(standardized), 0.2); // (B, P)
        return projected.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            linear.Dispose();
            condition_mean.Dispose();
            condition_scale.Dispose();
        }
        base.Dispose(disposing);
    }
}
