using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Experiments.Precision;

/// <summary>
/// Embeds a profile's Fashion-MNIST splits in fp32 and in bf16 (both through the embedding cache) and compares them:
/// cosine per test image, and the downstream effect as nearest-centroid accuracy (a training-free probe, so no seed
/// or setting is chosen; centroids from the train split, accuracy on the test split).
/// </summary>
public static class ImagePrecisionCheck
{
    /// <summary>The largest change of downstream accuracy, in points, under which <c>auto</c> may pick bf16.</summary>
    public const double DownstreamBoundPoints = 0.2;

    /// <summary>The honest case-study models <see cref="Downstream"/> compares: image-only and compatibility on MiniLM label texts.</summary>
    public static IReadOnlyList<string> DownstreamModels { get; } = [CaseStudyVariant.ImageOnly.Name, CaseStudyVariant.Compatibility("minilm").Name];

    /// <summary>
    /// The downstream effect of bf16 embeddings: trains the case study's honest models (<see cref="DownstreamModels"/>; the
    /// paper's leaked model is trained alongside, as the case study always does, and not reported) on fp32 and then on bf16
    /// embeddings of <paramref name="profile"/> with the same seeds and settings, and compares their test accuracy.
    /// Embeddings come through the cache (the first call embeds what is missing).
    /// </summary>
    /// <param name="profile">Data profile; the default profile's 70,000 images are what the 0.2-point bound is judged on.</param>
    /// <param name="seeds">Model seeds (null = the profile's).</param>
    /// <param name="threads">Encoder and torch threads.</param>
    /// <param name="log">Progress lines; null = silent.</param>
    /// <param name="cancel">Stops after the current batch.</param>
    /// <param name="device">Where the image network (TorchSharp backend) and the heads run; auto = CUDA when TorchSharp sees one.</param>
    public static IReadOnlyList<PrecisionDownstreamRow> Downstream(RunProfile profile, IReadOnlyList<int>? seeds = null, int threads = 1,
                                                                   TextWriter? log = null, CancellationToken cancel = default,
                                                                   ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var study = new CaseStudyExperiment(new CaseStudyConfig { TextEncoders = ["minilm"], Threads = threads, Device = device }) { Log = log, LogEpochs = false };
        CaseStudyResult Train(ImagePrecision precision)
        {
            log?.WriteLine($"downstream: case-study models on {ImagePrecisionChoice.Name(precision)} image embeddings");
            var data = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions { Precision = precision, Threads = threads, Device = device }, log, cancel);
            return study.Run(data, seeds, cancellationToken: cancel);
        }
        var fp32 = Train(ImagePrecision.Float32);
        var bf16 = Train(ImagePrecision.BFloat16);
        return DownstreamModels.Select(m => new PrecisionDownstreamRow(m, fp32.Summary(m).Accuracy, bf16.Summary(m).Accuracy)).ToList();
    }

    /// <summary>Runs the comparison on <paramref name="profile"/> with <paramref name="threads"/> encoder threads, the image
    /// network on <paramref name="device"/> (auto = CUDA when TorchSharp sees one).</summary>
    public static ImagePrecisionReport Run(RunProfile profile, EmbeddingCache cache, int threads, CancellationToken cancel = default,
                                           ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(cache);
        var (train, validation, test) = FashionMnistEmbeddings.LoadSplits(profile);
        var fp32 = FashionMnistEmbeddings.EmbedImages(train, validation, test, new EmbeddingOptions { Precision = ImagePrecision.Float32, Threads = threads, Device = device }, cache, cancel);
        var bf16 = FashionMnistEmbeddings.EmbedImages(train, validation, test, new EmbeddingOptions { Precision = ImagePrecision.BFloat16, Threads = threads, Device = device }, cache, cancel);
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
