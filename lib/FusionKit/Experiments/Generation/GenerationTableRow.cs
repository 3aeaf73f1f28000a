using FusionKit.Evaluation;
using FusionKit.Evaluation.Generative;

namespace FusionKit.Experiments.Generation;

/// <summary>One scored source (a generator, or one of the judge's references) summarised over seeds: mean ± sample std.</summary>
/// <param name="Source">What was scored (<see cref="GenerationScores.Source"/>).</param>
/// <param name="SampleSize">Images per side of every comparison (the same for every seed).</param>
/// <param name="ConditionalAccuracy">Share classified as the intended class by the judge's classifier.</param>
/// <param name="FrechetDistance">Fréchet distance (ResNet18 features) to as many real test images.</param>
/// <param name="Precision">Improved precision (share of these images inside the real manifold).</param>
/// <param name="Recall">Improved recall (share of real images inside these images' manifold).</param>
/// <param name="ClassificationAccuracyScore">Real-test accuracy of a classifier trained on these images only.</param>
/// <param name="ConditionalAccuracyPerClass">Conditional accuracy per intended class (index = class).</param>
public sealed record GenerationTableRow(
    string Source,
    int SampleSize,
    MetricSummary ConditionalAccuracy,
    MetricSummary FrechetDistance,
    MetricSummary Precision,
    MetricSummary Recall,
    MetricSummary ClassificationAccuracyScore,
    IReadOnlyList<MetricSummary> ConditionalAccuracyPerClass);
