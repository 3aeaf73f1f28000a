using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Models.Generation;

/// <summary>
/// G(z, c) of Reed et al. 2016 ("Generative Adversarial Text to Image Synthesis", section 4.1) at 28x28, with
/// DCGAN's layout (Radford et al. 2016): [z ; LeakyReLU(W c)] -> linear -> (W_g, 7, 7) -> BN, ReLU ->
/// transposed conv 4/2 -> (W_g/2, 14, 14) -> BN, ReLU -> transposed conv 4/2 -> (1, 28, 28) -> tanh, so pixels
/// are in [-1, 1] (no batch norm on the output, as in DCGAN); with <see cref="GanArchitecture.ResizeConvolution"/> each
/// transposed conv is nearest-neighbour upsampling x2 and a 3x3 conv instead. An unconditional G (ConditionDim 0) reads z only.
/// Weights start from N(0, 0.02), batch-norm scales from N(1, 0.02), as DCGAN prescribes.
/// </summary>
public sealed class ConditionalGenerator : Module<Tensor, Tensor?, Tensor>
{
    private readonly ConditionProjection? condition_projection;
    private readonly Linear project;
    private readonly BatchNorm2d bn0;
    private readonly Module<Tensor, Tensor> up1;
    private readonly BatchNorm2d bn1;
    private readonly Module<Tensor, Tensor> up2;

    public ConditionalGenerator(GanArchitecture architecture) : base(nameof(ConditionalGenerator))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        var w = architecture.GeneratorWidth;
        if (architecture.IsConditional) condition_projection = new ConditionProjection(architecture.ConditionDim, architecture.ProjectedDim);
        var input = architecture.LatentDim + (architecture.IsConditional ? architecture.ProjectedDim : 0);
        project = nn.Linear(input, w * 7 * 7, hasBias: false);
        bn0 = nn.BatchNorm2d(w);
        up1 = Doubling(w, w / 2, bias: false, architecture.ResizeConvolution);
        bn1 = nn.BatchNorm2d(w / 2);
        up2 = Doubling(w / 2, 1, bias: true, architecture.ResizeConvolution);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The sizes it was built with.</summary>
    public GanArchitecture Architecture { get; }

    /// <summary>Standardises conditions with the statistics of the training conditions <paramref name="conditions"/> (K, D_c)
    /// (<see cref="ConditionProjection.FitStatistics"/>); nothing to do for an unconditional network.</summary>
    public void FitConditionStatistics(Tensor conditions) => condition_projection?.FitStatistics(conditions);

    /// <summary>Images (B, 1, 28, 28) in [-1, 1] from noise <paramref name="z"/> (B, L) and condition <paramref name="condition"/> (B, D_c); null when unconditional.</summary>
    public override Tensor forward(Tensor z, Tensor? condition)
    {
        if (z.ndim != 2 || z.shape[1] != Architecture.LatentDim)
            throw new ArgumentException($"z must be (B, {Architecture.LatentDim}); got ({string.Join(", ", z.shape)}).", nameof(z));
        using var scope = NewDisposeScope();
        var input = z;                                                                  // (B, L)
        if (condition_projection is not null)
        {
            if (condition is null) throw new ArgumentException("This generator is conditional: pass a condition (B, D_c).", nameof(condition));
            if (condition.shape[0] != z.shape[0]) throw new ArgumentException($"z has {z.shape[0]} rows but the condition has {condition.shape[0]}.", nameof(condition));
            input = torch.cat([z, condition_projection.call(condition)], 1);             // (B, L + P)
        }
        var w = Architecture.GeneratorWidth;
        var h = project.call(input).view(-1, w, 7, 7);                                  // (B, W_g, 7, 7)
        h = nn.functional.relu(bn0.call(h));
        h = nn.functional.relu(bn1.call(Double(up1, h)));                               // (B, W_g/2, 14, 14)
        var image = torch.tanh(Double(up2, h));                                         // (B, 1, 28, 28)
        return image.MoveToOuterDisposeScope();
    }

    /// <summary>Runs a layer built by <see cref="Doubling"/>, its convolution computed in whole channel blocks
    /// (<see cref="BlockAlignedConvolution"/>: the output layer has one channel).</summary>
    private static Tensor Double(Module<Tensor, Tensor> layer, Tensor h) => layer switch
    {
        ConvTranspose2d transposed => BlockAlignedConvolution.Forward(transposed, h),
        Sequential resize => BlockAlignedConvolution.Forward((Conv2d)resize[1], resize[0].call(h)),
        _ => throw new InvalidOperationException($"Not a doubling layer: {layer.GetType().Name}."),
    };

    private static Module<Tensor, Tensor> Doubling(long input, long output, bool bias, bool resize) =>
        resize
            ? nn.Sequential(nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest), nn.Conv2d(input, output, 3, padding: 1, bias: bias))
            : nn.ConvTranspose2d(input, output, 4, stride: 2, padding: 1, bias: bias);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            condition_projection?.Dispose();
            project.Dispose();
            bn0.Dispose();
            up1.Dispose();
            bn1.Dispose();
            up2.Dispose();
        }
        base.Dispose(disposing);
    }
}
