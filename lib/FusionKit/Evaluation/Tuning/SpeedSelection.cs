using System.Diagnostics;
using System.Globalization;

namespace FusionKit.Evaluation.Tuning;

/// <summary>
/// Chooses a model's batch size and epochs for speed at equal accuracy, on validation data only: every setting trains
/// once per seed and is scored on validation data (under <see cref="ModelSelection"/>'s guard, so reading a test split
/// throws), its wall time measured; a setting counts as equal when its score, less the reference's score of the same
/// seed, averages no lower than −tolerance; the fastest equal setting (mean seconds) is chosen. The reference (the
/// setting in use) is always equal to itself, so it is chosen when nothing faster keeps its score.
/// <para>Seeds run outer and settings inner, so a change in the machine's load during the search touches every setting
/// alike; the seconds are still those of one machine and load: compare them as ratios (<see cref="SpeedSelectionRow.SpeedUp"/>).</para>
/// </summary>
public static class SpeedSelection
{
    /// <summary>The tolerance of "equal accuracy" unless told otherwise: half a point of a score in [0, 1].</summary>
    public const double DefaultTolerance = 0.005;

    /// <summary>Scores one setting and seed on validation data (training included); called under the test-split guard.</summary>
    public delegate double ValidationScore(SpeedSetting setting, int seed, CancellationToken cancel);

    /// <summary>Trains and scores every setting for every seed and chooses among them (see the class summary).</summary>
    /// <param name="model">The model's name, for the table and the progress lines.</param>
    /// <param name="scoreName">What <paramref name="score"/> returns, e.g. "validation accuracy".</param>
    /// <param name="reference">The setting in use; added first when <paramref name="candidates"/> lacks it.</param>
    /// <param name="done">Trials measured before (a resumed search): not run again; null = none.</param>
    /// <param name="finished">Called after each new trial with every trial so far (e.g. to save them); null = none.</param>
    /// <exception cref="ArgumentException">No seed, a repeated seed, or a negative or non-finite tolerance.</exception>
    public static SpeedSelectionResult Run(string model, string scoreName, SpeedSetting reference, IReadOnlyList<SpeedSetting> candidates,
                                           IReadOnlyList<int> seeds, ValidationScore score, double tolerance = DefaultTolerance,
                                           IReadOnlyList<SpeedTrial>? done = null, Action<IReadOnlyList<SpeedTrial>>? finished = null,
                                           TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(score);
        if (seeds.Count == 0) throw new ArgumentException("Give at least one seed.", nameof(seeds));
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException("Each seed once: the differences are paired by seed.", nameof(seeds));
        if (!(tolerance >= 0) || double.IsInfinity(tolerance)) throw new ArgumentException($"The tolerance must be a finite number >= 0, got {tolerance}.", nameof(tolerance));
        log ??= TextWriter.Null;
        var settings = new[] { reference }.Concat(candidates).Distinct().ToArray();
        var trials = new List<SpeedTrial>(done ?? []);
        var total = settings.Length * seeds.Count;
        foreach (var seed in seeds)
            foreach (var setting in settings)
            {
                if (trials.Any(t => t.Setting == setting && t.Seed == seed)) continue;
                cancel.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var value = ModelSelection.WhileSelecting(() => score(setting, seed, cancel));
                var trial = new SpeedTrial(setting, seed, value, clock.Elapsed.TotalSeconds);
                trials.Add(trial);
                finished?.Invoke(trials);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{model}, {setting}, seed {seed}: {scoreName} {value:F4} in {trial.Seconds:F1} s ({trials.Count}/{total})"));
            }
        return Summarise(model, scoreName, reference, settings, seeds, trials, tolerance);
    }

    /// <summary>The rows and the choice from measured trials (every setting must have a trial for every seed).</summary>
    /// <exception cref="ArgumentException">A setting without a trial for one of the seeds, or a non-finite score (named).</exception>
    public static SpeedSelectionResult Summarise(string model, string scoreName, SpeedSetting reference, IReadOnlyList<SpeedSetting> settings,
                                                 IReadOnlyList<int> seeds, IReadOnlyList<SpeedTrial> trials, double tolerance = DefaultTolerance)
    {
        SpeedTrial Trial(SpeedSetting setting, int seed) =>
            trials.LastOrDefault(t => t.Setting == setting && t.Seed == seed)
            ?? throw new ArgumentException($"{model}: no trial of {setting} with seed {seed}.", nameof(trials));
        foreach (var t in trials)
            if (!double.IsFinite(t.Score)) throw new ArgumentException($"{model}: {t.Setting}, seed {t.Seed} scored {t.Score}; a score must be a finite number.", nameof(trials));
        var ordered = new[] { reference }.Concat(settings).Distinct().ToArray();
        var referenceSeconds = seeds.Average(s => Trial(reference, s).Seconds);
        var rows = ordered.Select(setting =>
        {
            var mine = seeds.Select(s => Trial(setting, s)).ToArray();
            var difference = MetricSummary.Of(seeds.Select(s => Trial(setting, s).Score - Trial(reference, s).Score));
            var seconds = MetricSummary.Of(mine.Select(t => t.Seconds));
            return new SpeedSelectionRow(setting, setting == reference, MetricSummary.Of(mine.Select(t => t.Score)), difference, seconds,
                                         referenceSeconds / Math.Max(seconds.Mean, 1e-9), Equal: difference.Mean >= -tolerance, Chosen: false);
        }).ToArray();
        var chosen = rows.Where(r => r.Equal).MinBy(r => r.Seconds.Mean)!;
        return new SpeedSelectionResult(model, scoreName, reference, tolerance,
                                        rows.Select(r => r == chosen ? r with { Chosen = true } : r).ToArray(), trials.ToArray());
    }
}
