using FusionKit.Results;
using FusionKit.Training.Gan;
using Microsoft.Data.Analysis;
using XPlot.Plotly;

namespace FusionKit.Experiments.Generation;

/// <summary>What <see cref="GenerationExperiment"/> measured, with its tables, charts and where its files are.</summary>
/// <param name="Summary">One row per model x prompt kind (and reference set): each measure's mean and std over seeds.</param>
/// <param name="PerClass">Conditional accuracy per intended class: one row per model x prompt kind x class, mean and std over seeds.</param>
/// <param name="PerSeed">Every seed's scores.</param>
/// <param name="Histories">GAN training curves by "model, seed".</param>
/// <param name="Charts">One bar chart per measure (std error bars) and the training curves.</param>
/// <param name="TrainingSeconds">Wall time spent training, by model name (summed over seeds; 0 where loaded).</param>
/// <param name="EvaluationSeconds">Wall time spent drawing and judging, summed over seeds.</param>
/// <param name="Folder">The folder holding models, grids, CSV tables and charts.</param>
public sealed record GenerationResult(ResultTable Summary, ResultTable PerClass, IReadOnlyList<GenerationModelScores> PerSeed,
    IReadOnlyDictionary<string, IReadOnlyList<GanEpochRecord>> Histories, IReadOnlyList<PlotlyChart> Charts,
    IReadOnlyDictionary<string, double> TrainingSeconds, double EvaluationSeconds, string Folder);
