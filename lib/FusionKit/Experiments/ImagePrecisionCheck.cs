using FusionKit.Caching;
using FusionKit.Evaluation;
using FusionKit.Vision;

namespace FusionKit.Experiments;

/// <summary>What bf16 image embeddings change against fp32 on one profile's data (see <see cref="ImagePrecisionCheck"/>).</summary>
/// <param name="Images">Test images compared embedding by embedding.</param>
/// <param name="WorstCosine">Lowest cosine similarity between an image's bf16 and fp32 embedding.</param>
/// <param name="MeanCosine">Mean of those cosines.</param>
/// <param name="Fp32Accuracy">Nearest-centroid test accuracy with fp32 embeddings (centroids from the train split).</param>
/// <param name="Bf16Accuracy">The same with bf16 embeddings for train and test.</param>
public sealed record ImagePrecisionReport(string Profile, int Images, double WorstCosine, double MeanCosine, double Fp32Accuracy, double Bf16Accuracy)
{
    /// <summary>bf16 minus fp32 accuracy in percentage points.</summary>
    public double AccuracyChangePoints => 100 * (Bf16Accuracy - Fp32Accuracy);
}

/// <summary>
/// Embeds a profile's Fashion-MNIST splits in fp32 and in bf16 (both through the embedding cache) and compares them:
/// cosine per test image, and the downstream effect as nearest-centroid accuracy (a training-free probe, so no seed
/// or setting is chosen; centroids from the train split, accuracy on the test split).
/// </summary>
public static class ImagePrecisionCheck
{
    /// <summary>Runs the comparison on <paramref name="profile"/> with <paramref name="threads"/> encoder threads.</summary>
    public static ImagePrecisionReport Run(RunProfile profile, EmbeddingCache cache, int threads, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(cache);
        var (train, validation, test) = FashionMnistEmbeddings.LoadSplits(profile);
        var fp32 = FashionMnistEmbeddings.EmbedImages(train, validation, test, new EmbeddingOptions { Precision = ImagePrecision.Float32, Threads = threads }, cache, cancel);
        var bf16 = FashionMnistEmbeddings.EmbedImages(train, validation, test, new EmbeddingOptions { Precision = ImagePrecision.BFloat16, Threads = threads }, cache, cancel);
        var (worst, mean) = Cosines(fp32.Test.Images, bf16.Test.Images);
        return new ImagePrecisionReport(profile.Name, test.Count, worst, mean, CentroidAccuracy(fp32.Train, fp32.Test), CentroidAccuracy(bf16.Train, bf16.Test));
    }

    /// <summary>Cosine similarity of row i of <paramref name="a"/> and row i of <paramref name="b"/>: the lowest and the mean over rows.</summary>
    public static (double Worst, double Mean) Cosines(EmbeddingMatrix a, EmbeddingMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rows != b.Rows || a.Dimension != b.Dimension || a.Rows == 0)
            throw new ArgumentException($"Cannot compare {a.Rows}x{a.Dimension} with {b.Rows}x{b.Dimension} embeddings (equal, non-empty shapes needed).", nameof(b));
        var worst = double.MaxValue;
        var sum = 0.0;
        for (var i = 0; i < a.Rows; i++)
        {
            var cosine = Cosine(a.Row(i), b.Row(i));
            worst = Math.Min(worst, cosine);
            sum += cosine;
        }
        return (worst, sum / a.Rows);
    }

    private static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double dot = 0, xx = 0, yy = 0;
        for (var d = 0; d < x.Length; d++)
        {
            dot += (double)x[d] * y[d];
            xx += (double)x[d] * x[d];
            yy += (double)y[d] * y[d];
        }
        return xx == 0 && yy == 0 ? 1 : dot / Math.Sqrt(xx * yy);
    }

    private static double CentroidAccuracy(EmbeddedSplit train, EmbeddedSplit test)
    {
        var classes = train.Dataset.ClassNames.Count;
        var probe = NearestCentroid.Fit(train.Images, train.Labels, classes);
        return ClassificationMetrics.Accuracy(test.Labels, probe.Predict(test.Images));
    }
}
