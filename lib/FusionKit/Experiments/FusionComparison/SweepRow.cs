using System.Globalization;
using System.Text;
using System.Text.Json;
using FusionKit.Evaluation;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>One configuration of a sweep, summarised over its seeds.</summary>
/// <param name="Parameters">The settings other than method and reliability (<see cref="FusionExperimentConfig.DescribeParameters"/>).</param>
/// <param name="Reliability">True-class / confusable / uninformative fractions of the side text, e.g. "0.8/0.1/0.1".</param>
/// <param name="TrainSeconds">Mean training seconds per seed.</param>
/// <param name="ParameterCount">Trainable parameters of the model.</param>
/// <param name="Runs">The individual runs, one per seed.</param>
public sealed record SweepRow(string Method, string Parameters, string Reliability, MetricSummary Accuracy, MetricSummary MacroF1,
                              double TrainSeconds, long ParameterCount, IReadOnlyList<FusionRunResult> Runs)
{
    /// <summary>The row's label in tables and charts: the method, with its training subset when it has one, e.g. "image-only (1000/class)".</summary>
    public string Model { get; init; } = Method;

    /// <summary>Where the side text of the row's runs came from (<see cref="FusionRunResult.TextSource"/>).</summary>
    public TextSource TextSource { get; init; } = TextSource.Simulated;

    /// <summary>Test accuracy with the image input zeroed (ablation), over seeds; NaN for the single-modality baselines.</summary>
    public MetricSummary ImageZeroed => Ablation(Runs, a => a.ImageZeroed);

    /// <summary>Test accuracy with the text input zeroed (ablation), over seeds; NaN for the single-modality baselines.</summary>
    public MetricSummary TextZeroed => Ablation(Runs, a => a.TextZeroed);

    private static MetricSummary Ablation(IReadOnlyList<FusionRunResult> runs, Func<ModalityAblation, double> pick) =>
        runs.Count > 0 && runs.All(r => r.Ablation is not null) ? MetricSummary.Of(runs.Select(r => pick(r.Ablation!))) : new MetricSummary(double.NaN, double.NaN, 0);

    /// <summary>Summarises the runs of <paramref name="config"/> (one per seed).</summary>
    public static SweepRow Of(FusionExperimentConfig config, IReadOnlyList<FusionRunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (runs is null || runs.Count == 0) throw new ArgumentException("A sweep row needs at least one run.", nameof(runs));
        if (runs.Any(r => r.TextSource != runs[0].TextSource)) throw new ArgumentException("The runs of a sweep row read text of different sources.", nameof(runs));
        var source = runs[0].TextSource;
        var reliability = source == TextSource.Simulated ? FusionExperimentConfig.DescribeReliability(config.Reliability) : "n/a"; // only simulated text has one
        return new SweepRow(config.Method, config.DescribeParameters(), reliability,
                            MetricSummary.Of(runs.Select(r => r.Accuracy)), MetricSummary.Of(runs.Select(r => r.MacroF1)),
                            runs.Average(r => r.TrainSeconds), runs[0].Parameters, runs)
        {
            Model = config.EffectiveTrainPerClass is { } perClass ? $"{config.Method} ({perClass}/class)" : config.Method,
            TextSource = source,
        };
    }
}
