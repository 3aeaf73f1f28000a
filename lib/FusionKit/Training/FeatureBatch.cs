using static TorchSharp.torch;

namespace FusionKit.Training;

/// <summary>
/// One mini-batch as the <see cref="Trainer"/> hands it to an <see cref="IBatchLoss{TModel}"/>: the rows' tensors
/// on the training device and, for losses that group rows (texts shared by label), the rows' labels on the CPU.
/// The tensors belong to the trainer's per-batch dispose scope.
/// </summary>
/// <param name="Image">Image rows (b, D_img).</param>
/// <param name="Text">Text rows (b, D_txt), or null when the set has none.</param>
/// <param name="Labels">Labels (b) int64 on the device, or null for an unlabelled set.</param>
/// <param name="RowLabels">The same labels on the CPU, batch order, or null.</param>
public sealed record FeatureBatch(Tensor Image, Tensor? Text, Tensor? Labels, IReadOnlyList<int>? RowLabels)
{
    /// <summary>b, rows in the batch.</summary>
    public int Count => (int)Image.shape[0];
}
