using static TorchSharp.torch;

namespace FusionKit.Training.Gan;

/// <summary>
/// What a conditional GAN trains on: images (N, 1, 28, 28) scaled to [-1, 1], a table of K condition vectors
/// (K, D_c) (caption embeddings, one-hot labels; none for an unconditional GAN), the condition row of each image
/// and, for the matching-aware discriminator, the condition rows of each class (C, P) from which a mismatched
/// condition (another class's) is drawn. Tensors live on the CPU; the trainer copies what it needs to its device.
/// </summary>
public sealed class GanTrainingSet : IDisposable
{
    /// <param name="pixels">N x 784 grey levels 0..255, row-major, one image after another.</param>
    /// <param name="labels">Class of each image, 0..C-1.</param>
    /// <param name="conditions">K condition vectors of equal width; null for an unconditional GAN.</param>
    /// <param name="imageCondition">Row of <paramref name="conditions"/> each image is paired with (ignored when unconditional).</param>
    /// <param name="classConditions">For each class c, the condition rows that describe it (every class the same count P).</param>
    public GanTrainingSet(byte[] pixels, IReadOnlyList<int> labels, float[][]? conditions, IReadOnlyList<int>? imageCondition, IReadOnlyList<IReadOnlyList<int>>? classConditions)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        const int side = FusionKit.Models.Generation.GanArchitecture.ImageSize;
        if (labels.Count == 0) throw new ArgumentException("A GAN training set needs at least one image.", nameof(labels));
        if (pixels.Length != labels.Count * side * side)
            throw new ArgumentException($"{labels.Count} labels need {labels.Count * side * side} pixels (28x28 each); got {pixels.Length}.", nameof(pixels));
        Count = labels.Count;
        ClassCount = labels.Max() + 1;
        var scaled = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++) scaled[i] = pixels[i] / 127.5f - 1f;
        Images = tensor(scaled, [Count, 1, side, side]);                                    // (N, 1, 28, 28)
        Labels = tensor(labels.Select(l => (long)l).ToArray());                              // (N)
        if (conditions is null) return;

        if (imageCondition is null || classConditions is null)
            throw new ArgumentException("A conditional set needs each image's condition row and each class's condition rows.", nameof(imageCondition));
        if (imageCondition.Count != Count) throw new ArgumentException($"{Count} images but {imageCondition.Count} condition rows.", nameof(imageCondition));
        var width = conditions[0].Length;
        for (var k = 0; k < conditions.Length; k++)
            if (conditions[k].Length != width) throw new ArgumentException($"Condition {k} has {conditions[k].Length} values, condition 0 has {width}.", nameof(conditions));
        for (var i = 0; i < Count; i++)
            if (imageCondition[i] < 0 || imageCondition[i] >= conditions.Length)
                throw new ArgumentException($"Image {i} points at condition {imageCondition[i]}; there are {conditions.Length}.", nameof(imageCondition));
        if (classConditions.Count < ClassCount) throw new ArgumentException($"Labels go up to {ClassCount - 1} but only {classConditions.Count} classes have conditions.", nameof(classConditions));
        var perClass = classConditions[0].Count;
        if (perClass == 0 || classConditions.Any(c => c.Count != perClass))
            throw new ArgumentException("Every class needs the same, non-zero number of condition rows.", nameof(classConditions));
        Conditions = tensor(conditions.SelectMany(c => c).ToArray(), [conditions.Length, width]);               // (K, D_c)
        ImageCondition = tensor(imageCondition.Select(k => (long)k).ToArray());                                // (N)
        ClassConditions = tensor(classConditions.SelectMany(c => c.Select(k => (long)k)).ToArray(), [classConditions.Count, perClass]); // (C, P)
    }

    public int Count { get; }

    /// <summary>C, one more than the largest label.</summary>
    public int ClassCount { get; }

    /// <summary>(N, 1, 28, 28) in [-1, 1].</summary>
    public Tensor Images { get; }

    /// <summary>(N) class labels.</summary>
    public Tensor Labels { get; }

    /// <summary>(K, D_c) condition table; null when unconditional.</summary>
    public Tensor? Conditions { get; }

    /// <summary>(N) row of <see cref="Conditions"/> per image.</summary>
    public Tensor? ImageCondition { get; }

    /// <summary>(C, P) condition rows per class.</summary>
    public Tensor? ClassConditions { get; }

    /// <summary>D_c, 0 when unconditional.</summary>
    public int ConditionDim => Conditions is null ? 0 : (int)Conditions.shape[1];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        Conditions?.Dispose();
        ImageCondition?.Dispose();
        ClassConditions?.Dispose();
    }
}
