using Microsoft.Data.Analysis;

namespace FusionKit.Evaluation.Tuning;

/// <summary>
/// What a <see cref="SpeedSelection"/> measured for one model: every setting's validation score and wall time over the
/// seeds (<see cref="Rows"/>, the reference first), each training (<see cref="Trials"/>) and the setting it chose.
/// </summary>
/// <param name="Model">The model the settings train, e.g. "devise".</param>
/// <param name="ScoreName">What the validation score is, e.g. "validation accuracy".</param>
/// <param name="Reference">The setting the others are compared with (the one in use before).</param>
/// <param name="Tolerance">How far below the reference's score (mean paired difference) a setting may be and count as equal.</param>
public sealed record SpeedSelectionResult(string Model, string ScoreName, SpeedSetting Reference, double Tolerance,
                                          IReadOnlyList<SpeedSelectionRow> Rows, IReadOnlyList<SpeedTrial> Trials)
{
    /// <summary>The fastest setting whose validation score equals the reference's within the tolerance.</summary>
    public SpeedSetting Chosen => Rows.Single(r => r.Chosen).Setting;

    /// <summary>The chosen setting's row.</summary>
    public SpeedSelectionRow ChosenRow => Rows.Single(r => r.Chosen);

    /// <summary>The table of <see cref="Rows"/>: one row per setting (model, batch, epochs, whether it is the reference, the
    /// score's name, its mean, std and n, the paired difference, seconds, speed-up, equal, chosen).</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("model", Rows.Select(_ => Model)),
        new Int32DataFrameColumn("batch", Rows.Select(r => r.Setting.BatchSize)),
        new Int32DataFrameColumn("epochs", Rows.Select(r => r.Setting.Epochs)),
        new BooleanDataFrameColumn("reference", Rows.Select(r => r.IsReference)),
        new StringDataFrameColumn("score", Rows.Select(_ => ScoreName)),
        new DoubleDataFrameColumn("score_mean", Rows.Select(r => r.Score.Mean)),
        new DoubleDataFrameColumn("score_std", Rows.Select(r => r.Score.StandardDeviation)),
        new DoubleDataFrameColumn("difference_mean", Rows.Select(r => r.Difference.Mean)),
        new DoubleDataFrameColumn("difference_std", Rows.Select(r => r.Difference.StandardDeviation)),
        new DoubleDataFrameColumn("seconds_mean", Rows.Select(r => r.Seconds.Mean)),
        new DoubleDataFrameColumn("seconds_std", Rows.Select(r => r.Seconds.StandardDeviation)),
        new DoubleDataFrameColumn("speed_up", Rows.Select(r => r.SpeedUp)),
        new BooleanDataFrameColumn("equal", Rows.Select(r => r.Equal)),
        new BooleanDataFrameColumn("chosen", Rows.Select(r => r.Chosen)),
        new Int32DataFrameColumn("n", Rows.Select(r => r.Score.Count)));
}
