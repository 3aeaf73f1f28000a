using FusionKit.Data;

namespace FusionKit.Embeddings;

/// <summary>
/// Which training and validation rows of a <see cref="FusionInputs"/> a run keeps (indices into its splits, sorted);
/// the test split is always whole, so every run is scored on the same test images.
/// </summary>
/// <param name="TrainPerClass">Training rows per class asked for (capped at the smallest class's count, so the subset stays balanced).</param>
public sealed record FusionSubset(int TrainPerClass, int[] Train, int[] Validation)
{
    /// <summary>
    /// A stratified subset: <paramref name="trainPerClass"/> training rows per class and validation rows in the
    /// same proportion as the whole (at least one per class), chosen by <paramref name="seed"/>.
    /// </summary>
    public static FusionSubset Stratified(FusionInputs inputs, int trainPerClass, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Stratified(inputs.Train.Labels, inputs.Validation.Labels, inputs.ClassCount, trainPerClass, seed);
    }

    /// <summary>The same subset from the labels alone, so that it is known before any embedding exists (the one
    /// embedding pass of <see cref="EmbeddingOptions.SpatialTrainPerClass"/>).</summary>
    public static FusionSubset Stratified(int[] trainLabels, int[] validationLabels, int classCount, int trainPerClass, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(validationLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainPerClass);
        var share = trainLabels.Length == 0 ? 0 : (double)validationLabels.Length / trainLabels.Length;
        var validationPerClass = Math.Max(1, (int)Math.Round(trainPerClass * share));
        return new FusionSubset(trainPerClass,
            PerClass(trainLabels, classCount, trainPerClass, seed),
            PerClass(validationLabels, classCount, validationPerClass, seed));
    }

    private static int[] PerClass(int[] labels, int classCount, int perClass, int seed)
    {
        var smallest = Enumerable.Range(0, classCount).Min(c => labels.Count(l => l == c));
        if (perClass >= labels.Length || smallest == 0) return Enumerable.Range(0, labels.Length).ToArray();
        return StratifiedSampling.SubsetIndicesPerClass(labels, classCount, Math.Min(perClass, smallest), seed);
    }
}
