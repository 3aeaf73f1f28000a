using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Models.Generation;

/// <summary>
/// D(x, c) of Reed et al. 2016 (section 4.1) at 28x28, DCGAN layout (Radford et al. 2016): conv 4/2 ->
/// (W_d, 14, 14) -> LeakyReLU 0.2 -> conv 4/2 -> (2W_d, 7, 7) -> LeakyReLU; the projected condition LeakyReLU(W c)
/// (P) is replicated over the 7x7 grid and joined by depth concatenation, then a 1x1 conv -> (2W_d, 7, 7) ->
/// LeakyReLU and a linear layer give one logit per image. Before the join, a minibatch-std channel (Karras et al.
/// 2018) lets D see a batch of identical drawings. Unlike DCGAN's D it has no batch norm: with batch norm,
/// D scored all-real and all-fake batches apart by their statistics and G collapsed to one image within 100 steps
/// on 1,000 training images (seen here on the smoke profile); without it, D judges each image on its own.
/// With <see cref="GanArchitecture.ProjectionDiscriminator"/> the condition is not concatenated: the logit is
/// ψ(φ(x)) + ⟨V e(c), Σ_{7x7} φ(x)⟩ (Miyato and Koyama 2018, equation 3), φ(x) the (2W_d, 7, 7) map after the 1x1 conv,
/// ψ the same linear layer, e(c) the projected condition (P) and V a linear map P -> 2W_d without bias, so matching
/// is one inner product that the condition cannot bypass.
/// Trained with <see cref="MatchingAwareLoss"/> it scores whether an image is real AND matches its text.
/// An unconditional D (ConditionDim 0) skips the condition branch. With <see cref="GanArchitecture.AuxiliaryClasses"/> D
/// also has a class head (a linear layer on the flattened (2W_d, 7, 7) map before the minibatch-std channel and the
/// condition join), read by <see cref="ScoreAndClassify"/>.
/// </summary>
public sealed class MatchingAwareDiscriminator : Module<Tensor, Tensor?, Tensor>
{
    private readonly Conv2d down1;
    private readonly Conv2d down2;
    private readonly ConditionProjection? condition_projection;
    private readonly Conv2d joint;
    private readonly Linear score;
    private readonly Linear? condition_embedding;
    private readonly Linear? class_head;

    public MatchingAwareDiscriminator(GanArchitecture architecture) : base(nameof(MatchingAwareDiscriminator))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        var w = architecture.DiscriminatorWidth;
        down1 = nn.Conv2d(1, w, 4, stride: 2, padding: 1);
        down2 = nn.Conv2d(w, 2 * w, 4, stride: 2, padding: 1);
        if (architecture.IsConditional) condition_projection = new ConditionProjection(architecture.ConditionDim, architecture.ProjectedDim);
        var concatenated = architecture.IsConditional && !architecture.ProjectionDiscriminator;
        var jointInput = 2 * w + 1 + (concatenated ? architecture.ProjectedDim : 0); // + 1: the minibatch-std channel
        joint = nn.Conv2d(jointInput, 2 * w, 1);
        score = nn.Linear(2 * w * 7 * 7, 1);
        if (architecture.IsConditional && architecture.ProjectionDiscriminator) condition_embedding = nn.Linear(architecture.ProjectedDim, 2 * w, hasBias: false);
        if (architecture.AuxiliaryClasses > 0) class_head = nn.Linear(2 * w * 7 * 7, architecture.AuxiliaryClasses);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The sizes it was built with.</summary>
    public GanArchitecture Architecture { get; }

    /// <summary>Standardises conditions with the statistics of the training conditions <paramref name="conditions"/> (K, D_c)
    /// (<see cref="ConditionProjection.FitStatistics"/>); nothing to do for an unconditional network.</summary>
    public void FitConditionStatistics(Tensor conditions) => condition_projection?.FitStatistics(conditions);

    /// <summary>Logits (B) that <paramref name="image"/> (B, 1, 28, 28) is a real image matching <paramref name="condition"/> (B, D_c).</summary>
    public override Tensor forward(Tensor image, Tensor? condition)
    {
        var (score, classes) = ScoreAndClassify(image, condition);
        classes?.Dispose();
        return score;
    }

    /// <summary>
    /// The logits of <see cref="forward"/> (B) and, with <see cref="GanArchitecture.AuxiliaryClasses"/>, class logits
    /// (B, C) read from the image alone (null without a class head).
    /// </summary>
    /// <exception cref="ArgumentException">Images not (B, 1, 28, 28), or a condition missing or of another batch size.</exception>
    public (Tensor Score, Tensor? Classes) ScoreAndClassify(Tensor image, Tensor? condition)
    {
        if (image.ndim != 4 || image.shape[1] != 1 || image.shape[2] != GanArchitecture.ImageSize || image.shape[3] != GanArchitecture.ImageSize)
            throw new ArgumentException($"Images must be (B, 1, 28, 28); got ({string.Join(", ", image.shape)}).", nameof(image));
        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(BlockAlignedConvolution.Forward(down1, image), 0.2); // (B, W_d, 14, 14)
        h = nn.functional.leaky_relu(BlockAlignedConvolution.Forward(down2, h), 0.2); // (B, 2W_d, 7, 7)
        var classes = class_head?.call(h.flatten(1));                                     // (B, C)
        // Minibatch standard deviation (Karras et al. 2018, section 3): the batch's mean feature std as one more
        // channel, so D sees when G draws the same image for every z and collapse stops paying off.
        var spread = h.std(0, unbiased: false).mean().expand(h.shape[0], 1, 7, 7);       // (B, 1, 7, 7)
        h = torch.cat([h, spread], 1);                                                    // (B, 2W_d + 1, 7, 7)
        Tensor? c = null;
        if (condition_projection is not null)
        {
            if (condition is null) throw new ArgumentException("This discriminator is conditional: pass a condition (B, D_c).", nameof(condition));
            if (condition.shape[0] != image.shape[0]) throw new ArgumentException($"{image.shape[0]} images but {condition.shape[0]} conditions.", nameof(condition));
            c = condition_projection.call(condition);                                     // (B, P)
            if (condition_embedding is null)
            {
                var tiled = c.unsqueeze(2).unsqueeze(3).expand(-1, -1, 7, 7);              // (B, P, 7, 7)
                h = torch.cat([h, tiled], 1);                                             // (B, 2W_d + 1 + P, 7, 7)
            }
        }
        h = nn.functional.leaky_relu(BlockAlignedConvolution.Forward(joint, h), 0.2); // (B, 2W_d, 7, 7)
        var logits = score.call(h.flatten(1)).squeeze(1);                                 // (B)
        if (condition_embedding is not null)
        {
            var pooled = h.sum([2, 3]);                                                   // (B, 2W_d)
            logits = logits + (condition_embedding.call(c!) * pooled).sum(1);             // (B)
        }
        return (logits.MoveToOuterDisposeScope(), classes?.MoveToOuterDisposeScope());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            down1.Dispose();
            down2.Dispose();
            condition_projection?.Dispose();
            joint.Dispose();
            score.Dispose();
            condition_embedding?.Dispose();
            class_head?.Dispose();
        }
        base.Dispose(disposing);
    }
}
