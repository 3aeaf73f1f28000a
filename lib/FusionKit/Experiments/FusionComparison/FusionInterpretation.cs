using FusionKit.Models.Fusion;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>Summaries that show what a fusion model relies on.</summary>
public static class FusionInterpretation
{
    /// <summary>
    /// Mean per-sample modality weights (N, 2) over the samples of each true class: (C, 2), row c = mean (image,
    /// text) weight of class c's samples. A class without samples gets NaN.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched lengths, a row that is not 2 wide, or a label outside 0..C-1 (named by row).</exception>
    public static double[,] WeightsPerClass(IReadOnlyList<float[]> weights, IReadOnlyList<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (weights.Count != labels.Count)
            throw new ArgumentException($"{weights.Count} weight rows for {labels.Count} labels.", nameof(weights));
        var sums = new double[classCount, 2];
        var counts = new int[classCount];
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] is not { Length: 2 } w) throw new ArgumentException($"Weight row {i} is not (image, text).", nameof(weights));
            var c = labels[i];
            if (c < 0 || c >= classCount) throw new ArgumentException($"Label at row {i} is {c}; expected 0..{classCount - 1}.", nameof(labels));
            sums[c, 0] += w[0];
            sums[c, 1] += w[1];
            counts[c]++;
        }
        var means = new double[classCount, 2];
        for (var c = 0; c < classCount; c++)
            for (var m = 0; m < 2; m++)
                means[c, m] = counts[c] == 0 ? double.NaN : sums[c, m] / counts[c];
        return means;
    }

    /// <summary>
    /// Where a spatial fusion looked for every sample of <paramref name="set"/>: its <see cref="ISpatialFusion.AttentionMap"/>
    /// (T weights, summing to 1) per row; null when the classifier's fusion is not spatial.
    /// </summary>
    public static float[][]? AttentionMaps(FusionClassifier model, FeatureSet set, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        return model.Fusion is ISpatialFusion spatial && set.Text is not null
            ? PerSample(model, set, batchSize, spatial.AttentionMap)
            : null;
    }

    /// <summary>The fusion's (image, text) weights for every sample of <paramref name="set"/>; null where it weighs nothing.</summary>
    public static float[][]? ModalityWeights(FusionClassifier model, FeatureSet set, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        return set.Text is null ? null : PerSample(model, set, batchSize, model.ModalityWeights);
    }

    /// <summary>
    /// One row per sample of <paramref name="compute"/>'s (B, K) output over batches, in evaluation mode without
    /// gradients (the model's mode is restored); null when it returns null.
    /// </summary>
    private static float[][]? PerSample(FusionClassifier model, FeatureSet set, int batchSize, Func<torch.Tensor, torch.Tensor, torch.Tensor?> compute)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var device = Prediction.DeviceOf(model); // the rows go where the model lives (a model trained on CUDA stays there)
            var rows = new float[set.Count][];
            for (var start = 0; start < set.Count; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var n = Math.Min(batchSize, set.Count - start);
                var batch = compute(set.Image.narrow(0, start, n).to(device), set.Text!.narrow(0, start, n).to(device)); // (n, K)
                if (batch is null) return null;
                var flat = batch.to_type(torch.ScalarType.Float32).cpu().data<float>().ToArray();
                var width = flat.Length / n;
                for (var i = 0; i < n; i++) rows[start + i] = flat.AsSpan(i * width, width).ToArray();
            }
            return rows;
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
