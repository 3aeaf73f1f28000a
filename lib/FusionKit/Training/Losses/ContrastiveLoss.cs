using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Training.Losses;

/// <summary>
/// The symmetric contrastive (InfoNCE) loss of CLIP (Radford et al. 2021): the mean of the cross-entropy from
/// images to texts and from texts to images over a batch's logits.
/// <para>Duplicate positives. With label-level text, many images in a batch share one text; CLIP's targets
/// (image i matches text i) would then call identical texts negatives of each other. This loss works on the
/// batch's distinct texts instead (<see cref="ContrastiveBatchLoss"/> deduplicates them by group/class): logits are
/// (B images, U distinct texts) and <c>targets</c>[i] is the column of image i's text. Image to text is then a
/// plain softmax over the U texts with one positive; text to image has every image of that text as a positive
/// and uses the uniform target distribution over them (cross-entropy with soft targets). When all texts are
/// distinct (U = B, targets = 0..B-1) this is exactly CLIP's loss.</para>
/// </summary>
public static class ContrastiveLoss
{
    /// <summary>(CE(logits, targets) + soft CE(logitsᵀ, positives)) / 2, averaged over images and texts respectively.</summary>
    /// <param name="logits">(B, U) scaled similarities of B images to U distinct texts.</param>
    /// <param name="targets">(B) int64: the text column of each image; every column must be some image's target.</param>
    public static Tensor Symmetric(Tensor logits, Tensor targets)
    {
        if (logits.dim() != 2 || targets.dim() != 1 || targets.shape[0] != logits.shape[0])
            throw new ArgumentException($"Logits must be (B, U) and targets (B); got ({string.Join(", ", logits.shape)}) and ({string.Join(", ", targets.shape)}).");
        using var scope = torch.NewDisposeScope();
        var imageToText = nn.functional.cross_entropy(logits, targets);                                   // ()
        var positives = nn.functional.one_hot(targets, logits.shape[1]).t().to_type(logits.dtype);        // (U, B)
        var perText = positives.sum(1, keepdim: true);                                                    // (U, 1)
        if (perText.min().item<float>() == 0)
            throw new ArgumentException("Every text column must be the target of at least one image.", nameof(targets));
        var logProbabilities = nn.functional.log_softmax(logits.t(), 1);                                  // (U, B)
        var textToImage = -(positives / perText * logProbabilities).sum(1).mean();                        // ()
        return ((imageToText + textToImage) / 2).MoveToOuterDisposeScope();
    }
}
