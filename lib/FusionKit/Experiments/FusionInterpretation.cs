using FusionKit.Fusion;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Experiments;

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
    /// (T weights, summing to 1) per row, computed in evaluation mode without gradients; null when the classifier's
    /// fusion is not spatial.
    /// </summary>
    public static float[][]? AttentionMaps(FusionClassifier model, FeatureSet set, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        if (model.Fusion is not ISpatialFusion spatial || set.Text is null) return null;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var maps = new float[set.Count][];
            for (var start = 0; start < set.Count; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var n = Math.Min(batchSize, set.Count - start);
                var batch = spatial.AttentionMap(set.Image.narrow(0, start, n), set.Text.narrow(0, start, n)); // (n, T)
                var flat = batch.to_type(torch.ScalarType.Float32).cpu().data<float>().ToArray();
                var t = flat.Length / n;
                for (var i = 0; i < n; i++) maps[start + i] = flat.AsSpan(i * t, t).ToArray();
            }
            return maps;
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
