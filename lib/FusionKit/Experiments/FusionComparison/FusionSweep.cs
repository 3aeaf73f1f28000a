using FusionKit.Embeddings;
using FusionKit.Text;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>
/// Runs every configuration of a grid over several seeds, reusing the cached embeddings: the inputs of a
/// configuration come from <c>inputsFor</c> (<see cref="FusionWorkbench.InputsFor"/> prepares side text once per
/// reliability and text seed, and spatial tokens once per subset) and are shared by its seeds.
/// </summary>
public static class FusionSweep
{
    /// <summary>The Cartesian product methods x reliabilities x variants, each variant supplying the other settings.</summary>
    public static IReadOnlyList<FusionExperimentConfig> Grid(IEnumerable<string> methods, IEnumerable<SideTextReliability> reliabilities,
                                                             IEnumerable<FusionExperimentConfig>? variants = null)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(reliabilities);
        var variantList = (variants ?? [FusionExperimentConfig.Quick]).ToArray();
        var reliabilityList = reliabilities.ToArray();
        return (from method in methods
                from reliability in reliabilityList
                from variant in variantList
                select variant with { Method = method, Reliability = reliability }).ToArray();
    }

    /// <summary>
    /// The standard comparison: both baselines and every fusion method (<see cref="FusionExperiment.AllNames"/>) at each
    /// reliability, plus the image-only baseline on cross-attention's training subset
    /// (<see cref="FusionExperimentConfig.SpatialTrainPerClass"/> per class), so that method has a baseline trained on
    /// the same images.
    /// </summary>
    public static IReadOnlyList<FusionExperimentConfig> ComparisonGrid(IEnumerable<SideTextReliability> reliabilities, FusionExperimentConfig? variant = null)
    {
        ArgumentNullException.ThrowIfNull(reliabilities);
        var list = reliabilities.ToArray();
        var v = variant ?? FusionExperimentConfig.Quick;
        var subsetBaseline = v with { Method = FusionExperiment.ImageOnly, TrainPerClass = FusionExperimentConfig.SpatialTrainPerClass };
        return [.. Grid(FusionExperiment.AllNames, list, [v]), .. Grid([FusionExperiment.ImageOnly], list, [subsetBaseline])];
    }

    /// <summary>
    /// Runs each configuration once per seed (the config's <see cref="FusionExperimentConfig.Seed"/> is replaced)
    /// and summarises the runs per configuration.
    /// </summary>
    /// <param name="inputsFor">The inputs of a configuration (called once per configuration; it should reuse what it prepared).</param>
    /// <param name="configs">The grid, e.g. from <see cref="Grid"/>.</param>
    /// <param name="seeds">Model seeds, at least one.</param>
    public static SweepResult Run(Func<FusionExperimentConfig, FusionInputs> inputsFor, IReadOnlyList<FusionExperimentConfig> configs,
                                  IReadOnlyList<int> seeds, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputsFor);
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(seeds);
        if (configs.Count == 0) throw new ArgumentException("The sweep needs at least one configuration.", nameof(configs));
        if (seeds.Count == 0) throw new ArgumentException("The sweep needs at least one seed.", nameof(seeds));
        var rows = new List<SweepRow>();
        for (var i = 0; i < configs.Count; i++)
        {
            var config = configs[i];
            var inputs = inputsFor(config);
            var runs = new List<FusionRunResult>();
            foreach (var seed in seeds)
            {
                cancel.ThrowIfCancellationRequested();
                var run = FusionExperiment.Run(inputs, config with { Seed = seed }, cancel: cancel);
                log?.WriteLine($"[{i + 1}/{configs.Count}] {config.Method} reliability {FusionExperimentConfig.DescribeReliability(config.Reliability)} seed {seed}: " +
                               $"accuracy {run.Accuracy:F4}, macro-F1 {run.MacroF1:F4}, {run.TrainSeconds:F1}s");
                runs.Add(run);
            }
            rows.Add(SweepRow.Of(config, runs));
        }
        return new SweepResult(rows);
    }
}
