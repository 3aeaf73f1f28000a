using FusionKit.Evaluation.Generative;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// What <see cref="GenerationJudge"/> measures for one set of images (generated ones, or a reference set), all at
/// the same stated sample size.
/// </summary>
/// <param name="Source">What was scored, e.g. "generated" or a reference's name (<see cref="GenerationReference"/>).</param>
/// <param name="SampleSize">Images scored, and real images they were compared with (equal counts, class-balanced).</param>
/// <param name="ConditionalAccuracy">Share of the images that the judge's image-only classifier (trained on real
/// training images) assigns to their intended class.</param>
/// <param name="ConditionalAccuracyPerClass">The same per intended class (index = class).</param>
/// <param name="FrechetDistance">Fréchet distance (ResNet18 features) to as many real test images: lower is closer.
/// Not comparable with published Inception-feature FID numbers; compare it with the judge's floor and ceiling.</param>
/// <param name="PrecisionRecall">Improved precision and recall against as many real test images.</param>
/// <param name="ClassificationAccuracyScore">Ravuri and Vinyals' classification accuracy score: accuracy on the
/// real test set of an image-only classifier trained on these images and their intended labels only.</param>
public sealed record GenerationScores(
    string Source,
    int SampleSize,
    double ConditionalAccuracy,
    IReadOnlyList<double> ConditionalAccuracyPerClass,
    double FrechetDistance,
    PrecisionRecallScores PrecisionRecall,
    double ClassificationAccuracyScore)
{
    /// <summary>One line with every figure, e.g. for a log.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Source} (n = {SampleSize}): conditional accuracy {ConditionalAccuracy:F3}, {GenerationJudge.FrechetDistanceName} {FrechetDistance:G4}, " +
        $"precision {PrecisionRecall.Precision:F3}, recall {PrecisionRecall.Recall:F3} (k = {PrecisionRecall.K}), classification accuracy score {ClassificationAccuracyScore:F3}");
}
