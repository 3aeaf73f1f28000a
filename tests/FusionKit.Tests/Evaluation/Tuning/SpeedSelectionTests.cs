using FusionKit.Evaluation;
using FusionKit.Evaluation.Tuning;

namespace FusionKit.Tests.Evaluation.Tuning;

/// <summary>Issue 13, item 3: settings chosen for speed at equal validation accuracy, the rule checked on hand-computed numbers.</summary>
public class SpeedSelectionTests
{
    private static readonly SpeedSetting Reference = new(64, 10);
    private static readonly SpeedSetting Close = new(256, 5);
    private static readonly SpeedSetting Worse = new(1024, 3);

    private static SpeedTrial[] Trials(double closeSeed1Score = 0.818) =>
    [
        new(Reference, 0, 0.800, 10.0), new(Reference, 1, 0.820, 12.0),
        new(Close, 0, 0.799, 3.0), new(Close, 1, closeSeed1Score, 3.0),
        new(Worse, 0, 0.700, 1.0), new(Worse, 1, 0.720, 1.0),
    ];

    [Fact]
    public void Summarise_ChoosesTheFastestSettingWithinTheToleranceOfTheReference()
    {
        var result = SpeedSelection.Summarise("m", "validation accuracy", Reference, [Close, Worse], [0, 1], Trials());

        // Hand-computed: Close's paired differences are -0.001 and -0.002 (mean -0.0015 >= -0.005: equal), Worse's -0.1
        // (not equal); Close's 3 s against the reference's mean 11 s is a speed-up of 11 / 3.
        Assert.Equal(Close, result.Chosen);
        Assert.Equal([Reference, Close, Worse], result.Rows.Select(r => r.Setting));
        var close = result.Rows[1];
        Assert.Equal(-0.0015, close.Difference.Mean, 12);
        Assert.Equal(Math.Sqrt(2 * 0.0005 * 0.0005), close.Difference.StandardDeviation, 12);   // ddof = 1 over -0.001, -0.002
        Assert.Equal(0.8085, close.Score.Mean, 12);
        Assert.Equal(11.0 / 3.0, close.SpeedUp, 12);
        Assert.True(close.Equal);
        Assert.False(result.Rows[2].Equal);
        Assert.True(result.Rows[0] is { IsReference: true, Equal: true, Chosen: false, SpeedUp: 1.0 });
        Assert.Equal(0.0, result.Rows[0].Difference.Mean);
    }

    [Fact]
    public void Summarise_KeepsTheReference_WhenNoFasterSettingKeepsItsScore()
    {
        var result = SpeedSelection.Summarise("m", "s", Reference, [Close, Worse], [0, 1], Trials(closeSeed1Score: 0.800));

        // Close now averages -0.0105 below the reference: outside 0.005.
        Assert.Equal(Reference, result.Chosen);
        Assert.True(result.ChosenRow.IsReference);
        // A wider tolerance admits it.
        Assert.Equal(Close, SpeedSelection.Summarise("m", "s", Reference, [Close, Worse], [0, 1], Trials(closeSeed1Score: 0.800), tolerance: 0.02).Chosen);
    }

    [Fact]
    public void Run_ScoresEverySettingForEverySeed_SeedsOuter_ReferenceFirst_UnderTheTestGuard()
    {
        var calls = new List<(SpeedSetting, int, bool)>();
        var saved = new List<int>();
        var result = SpeedSelection.Run("m", "s", Reference, [Close, Reference], [3, 4],
            (setting, seed, _) =>
            {
                calls.Add((setting, seed, ModelSelection.IsSelecting));
                return setting.BatchSize / 1000.0 + seed;
            },
            finished: trials => saved.Add(trials.Count));

        Assert.Equal([(Reference, 3, true), (Close, 3, true), (Reference, 4, true), (Close, 4, true)], calls);
        Assert.Equal([1, 2, 3, 4], saved);
        Assert.Equal(4, result.Trials.Count);
        Assert.False(ModelSelection.IsSelecting);
        // Close scores 0.192 above the reference for both seeds: equal (better), and chosen when at least as fast.
        Assert.Equal(0.192, result.Rows[1].Difference.Mean, 12);
    }

    [Fact]
    public void Run_SkipsTrialsMeasuredBefore()
    {
        var calls = 0;
        var result = SpeedSelection.Run("m", "s", Reference, [Close], [0],
            (_, _, _) => { calls++; return 0.5; },
            done: [new SpeedTrial(Reference, 0, 0.5, 7.0)]);

        Assert.Equal(1, calls);                      // only Close
        Assert.Equal(7.0, result.Rows[0].Seconds.Mean); // the reference's measured time kept
    }

    [Fact]
    public void Run_StopsWhenCancelled_KeepingWhatFinished()
    {
        using var cancel = new CancellationTokenSource();
        var saved = 0;
        Assert.Throws<OperationCanceledException>(() => SpeedSelection.Run("m", "s", Reference, [Close, Worse], [0],
            (_, _, _) => { cancel.Cancel(); return 0.5; }, finished: trials => saved = trials.Count, cancel: cancel.Token));
        Assert.Equal(1, saved);
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        Assert.Contains("seed", Assert.Throws<ArgumentException>(() => SpeedSelection.Run("m", "s", Reference, [], [], (_, _, _) => 0)).Message);
        Assert.Contains("Each seed once", Assert.Throws<ArgumentException>(() => SpeedSelection.Run("m", "s", Reference, [], [1, 1], (_, _, _) => 0)).Message);
        Assert.Contains("tolerance", Assert.Throws<ArgumentException>(() => SpeedSelection.Run("m", "s", Reference, [], [1], (_, _, _) => 0, tolerance: -1)).Message);
        Assert.Contains("no trial of batch 256 x 5 epochs with seed 1",
                        Assert.Throws<ArgumentException>(() => SpeedSelection.Summarise("m", "s", Reference, [Close], [0, 1], Trials()[..3])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() =>
            SpeedSelection.Summarise("m", "s", Reference, [], [0], [new SpeedTrial(Reference, 0, double.NaN, 1)])).Message);
    }

    [Fact]
    public void Grid_PairsEveryBatchSizeWithEveryEpochCount_Once()
    {
        Assert.Equal([new SpeedSetting(64, 3), new SpeedSetting(64, 5), new SpeedSetting(256, 3), new SpeedSetting(256, 5)],
                     SpeedSetting.Grid([64, 256, 64], [3, 5]));
        Assert.Throws<ArgumentException>(() => SpeedSetting.Grid([0], [3]));
        Assert.Throws<ArgumentException>(() => SpeedSetting.Grid([64], []));
        Assert.Equal("batch 64 x 10 epochs", Reference.ToString());
    }
}
