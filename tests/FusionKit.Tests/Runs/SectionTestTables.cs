using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Runs;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Runs;

/// <summary>Hand-made section tables with the columns the real experiments write (values chosen by hand, not computed).</summary>
internal static class SectionTestTables
{
    /// <summary>Like <see cref="SweepResult.ToDataFrame"/>: 2 methods x 2 reliabilities, two seeds.</summary>
    public static DataFrame Fusion() => new(
        new StringDataFrameColumn("method", ["image-only", "image-only", "gated", "gated"]),
        new StringDataFrameColumn("params", ["hidden=256", "hidden=256", "hidden=256", "hidden=256"]),
        new StringDataFrameColumn("reliability", ["0.8/0.1/0.1", "0.5/0.25/0.25", "0.8/0.1/0.1", "0.5/0.25/0.25"]),
        new DoubleDataFrameColumn("accuracy_mean", [0.80, 0.80, 0.90, 0.85]),
        new DoubleDataFrameColumn("accuracy_std", [0.01, 0.01, 0.02, double.NaN]),
        new DoubleDataFrameColumn("macro_f1_mean", [0.79, 0.79, 0.89, 0.84]),
        new DoubleDataFrameColumn("macro_f1_std", [0.011, 0.011, 0.021, 0.031]),
        new Int32DataFrameColumn("seeds", [2, 2, 2, 2]),
        new DoubleDataFrameColumn("train_seconds", [1.5, 1.5, 2.5, 2.5]),
        new Int64DataFrameColumn("parameters", [133_898L, 133_898L, 300_000L, 300_000L]),
        new StringDataFrameColumn("text_source", ["simulated", "simulated", "simulated", "simulated"]));

    /// <summary>Like <see cref="RetrievalResult.ToDataFrame"/> (long table), a few rows of each task.</summary>
    public static DataFrame Retrieval() => new(
        new StringDataFrameColumn("task", [RetrievalResult.ClassificationTask, RetrievalResult.ClassificationTask,
            "joint space (label descriptions)", "joint space (label descriptions)", "joint space (simulated side text)", "joint space (simulated side text)",
            "joint space (label descriptions)", "joint space (simulated side text)"]),
        new StringDataFrameColumn("setting", ["image->image", "image->image", "text->image", "image->text", "text->image", "image->text", "text->image", "text->image"]),
        new StringDataFrameColumn("metric", ["P@1", "mAP", "R@1", "R@1", "R@1", "R@1", "median rank", "median rank"]),
        new DoubleDataFrameColumn("mean", [0.85, 0.70, 0.60, 0.55, 0.05, 0.04, 2, 40]),
        new DoubleDataFrameColumn("std", [0.01, 0.02, 0.03, 0.04, 0.005, 0.004, 0, 5]),
        new Int32DataFrameColumn("seeds", [2, 2, 2, 2, 2, 2, 2, 2]),
        new StringDataFrameColumn("value", ["0.850 ± 0.010", "0.700 ± 0.020", "0.600 ± 0.030", "0.550 ± 0.040", "0.050 ± 0.005", "0.040 ± 0.004", "2.000 ± 0.000", "40.000 ± 5.000"]),
        new StringDataFrameColumn("text_source", ["n/a", "n/a", "label", "label", "simulated", "simulated", "label", "simulated"]));

    /// <summary>Like <see cref="ZeroShotResult.ToDataFrame"/> plus an extra metric ("AUSUC") that no code names: 2 settings x 2 splits.</summary>
    public static DataFrame ZeroShot()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("split", ["fixed", "random", "fixed", "random"]),
            new StringDataFrameColumn("method", ["devise", "devise", "compatibility", "compatibility"]),
            new StringDataFrameColumn("label encoder", ["minilm", "minilm", "minilm", "minilm"]),
            new StringDataFrameColumn("label text", ["names", "names", "names", "names"]),
            new StringDataFrameColumn("text_source", ["label", "label", "label", "label"]),
            new StringDataFrameColumn("ZSL", ["0.500 ± 0.100", "0.400 ± 0.050", "0.600 ± 0.000", "0.450 ± 0.020"]));
        foreach (var (name, means) in new (string, double[])[]
                 { ("ZSL", [0.5, 0.4, 0.6, 0.45]), ("S", [0.9, 0.88, 0.92, 0.9]), ("U", [0.0, 0.01, 0.02, 0.0]), ("H", [0.0, 0.02, 0.04, 0.0]), ("AUSUC", [0.3, 0.25, 0.35, 0.28]) })
        {
            frame.Columns.Add(new DoubleDataFrameColumn($"{name} mean", means));
            frame.Columns.Add(new DoubleDataFrameColumn($"{name} std", means.Select(m => m / 10).ToArray()));
        }
        return frame;
    }

    public static SectionResult Result(RunSection section, DataFrame table, IReadOnlyList<int>? seeds = null) =>
        new(section, "synthetic", seeds ?? [0, 1], "settings v1", table, 12.5);
}
