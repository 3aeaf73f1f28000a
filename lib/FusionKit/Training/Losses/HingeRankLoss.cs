using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Training.Losses;

/// <summary>
/// DeViSE's hinge rank loss (Frome et al. 2013): for an image with true label y and scores s over the labels,
/// loss = Σ_{j ≠ y} max(0, margin − s_y + s_j), averaged over the batch; the paper's margin is 0.1.
/// </summary>
public static class HingeRankLoss
{
    /// <summary>The paper's margin.</summary>
    public const double DefaultMargin = 0.1;

    /// <param name="scores">(B, C) scores over the candidate labels.</param>
    /// <param name="targets">(B) int64, each row's true label column.</param>
    /// <param name="margin">Margin; 0.1 as in the paper.</param>
    public static Tensor Compute(Tensor scores, Tensor targets, double margin = DefaultMargin)
    {
        if (scores.dim() != 2 || targets.dim() != 1 || targets.shape[0] != scores.shape[0])
            throw new ArgumentException($"Scores must be (B, C) and targets (B); got ({string.Join(", ", scores.shape)}) and ({string.Join(", ", targets.shape)}).");
        if (!(margin >= 0)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be >= 0.");
        using var scope = torch.NewDisposeScope();
        var trueScore = scores.gather(1, targets.unsqueeze(1));                                   // (B, 1)
        var violations = (scores - trueScore + margin).clamp_min(0);                              // (B, C)
        var others = 1 - nn.functional.one_hot(targets, scores.shape[1]).to_type(scores.dtype);   // (B, C), 0 at y
        return (violations * others).sum(1).mean().MoveToOuterDisposeScope();
    }
}
