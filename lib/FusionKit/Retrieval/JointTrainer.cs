using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Retrieval;

/// <summary>
/// Trains a <see cref="JointEmbeddingModel"/> on (image embedding, text embedding) pairs with the symmetric
/// contrastive loss. The pairs are a <see cref="FeatureSet"/> with image and text rows; its labels, when present,
/// are text groups: rows with the same label share one text (label-level text, e.g. every image of class c paired
/// with class c's name), and each batch keeps one copy of each group's text so that a shared text is never its
/// own negative (<see cref="ContrastiveLoss"/>). Without labels every pair's text is its own group, as in CLIP.
/// Epochs, batch size, optimizer, learning rate and seed come from the <see cref="TrainingConfig"/>; the model's
/// initial weights come from torch's RNG, so build it after <c>torch.manual_seed</c> for a repeatable run.
/// </summary>
public sealed class JointTrainer
{
    /// <param name="config">Settings; null = <see cref="TrainingConfig"/>'s defaults.</param>
    public JointTrainer(TrainingConfig? config = null)
    {
        Config = config ?? new TrainingConfig();
        Config.Validate();
    }

    /// <summary>The settings of every run of this trainer.</summary>
    public TrainingConfig Config { get; }

    /// <summary>Where the per-epoch progress lines go; null = silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Trains <paramref name="model"/> in place and returns the per-epoch losses.</summary>
    /// <exception cref="ArgumentException">The pairs lack text or their widths do not fit the model.</exception>
    public IReadOnlyList<EpochLoss> Fit(JointEmbeddingModel model, FeatureSet pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        TorchRuntime.EnsureReady();
        var text = pairs.Text ?? throw new ArgumentException("The pairs have no text rows.", nameof(pairs));
        if (pairs.ImageDim != model.ImageDim || pairs.TextDim != model.TextDim)
            throw new ArgumentException($"The pairs are ({pairs.ImageDim}-d image, {pairs.TextDim}-d text); the model reads ({model.ImageDim}, {model.TextDim}).", nameof(pairs));
        var groups = pairs.LabelArray;
        return MiniBatchLoop.Run(model, Config, pairs.Count, batch =>
        {
            var (firstRows, positions) = TextGroups.Distinct(batch, groups);
            var image = pairs.Image.index_select(0, torch.tensor(batch));        // (B, D_img)
            var texts = text.index_select(0, torch.tensor(firstRows));           // (U, D_txt)
            var logits = model.call(image, texts);                               // (B, U)
            return ContrastiveLoss.Symmetric(logits, torch.tensor(positions));
        }, model.ClampLogitScale, () => $"logit scale {model.LogitScale:F2}", Log, cancellationToken);
    }
}
