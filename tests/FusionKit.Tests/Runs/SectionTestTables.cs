using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Results;
using FusionKit.Runs;

namespace FusionKit.Tests.Runs;

/// <summary>Hand-made section tables in the one result shape, with the settings the real experiments write (values chosen by hand, not computed).</summary>
internal static class SectionTestTables
{
    /// <summary>Like <see cref="SweepResult.Table"/>: 2 methods x 2 reliabilities, two seeds; accuracy and macro_f1.</summary>
    public static ResultTable Fusion()
    {
        string[] Settings(string method, string reliability) => [method, "hidden=256", reliability, "simulated"];
        var rows = new (string Method, string Reliability, double Accuracy, double AccuracyStd, double F1, double F1Std)[]
        {
            ("image-only", "0.8/0.1/0.1", 0.80, 0.01, 0.79, 0.011), ("image-only", "0.5/0.25/0.25", 0.80, 0.01, 0.79, 0.011),
            ("gated", "0.8/0.1/0.1", 0.90, 0.02, 0.89, 0.021), ("gated", "0.5/0.25/0.25", 0.85, double.NaN, 0.84, 0.031),
        };
        return new ResultTable(["method", "params", "reliability", "text_source"],
            rows.SelectMany(r => new[]
            {
                new ResultRow(Settings(r.Method, r.Reliability), "accuracy", r.Accuracy, r.AccuracyStd, 2),
                new ResultRow(Settings(r.Method, r.Reliability), "macro_f1", r.F1, r.F1Std, 2),
            }));
    }

    /// <summary>Like <see cref="RetrievalResult.Table"/>, a few rows of each task.</summary>
    public static ResultTable Retrieval()
    {
        const string Labels = "joint space (label descriptions)", Simulated = "joint space (simulated side text)";
        return new ResultTable(["task", "setting", "text_source"],
        [
            new([RetrievalResult.ClassificationTask, "image->image", "n/a"], "P@1", 0.85, 0.01, 2),
            new([RetrievalResult.ClassificationTask, "image->image", "n/a"], "mAP", 0.70, 0.02, 2),
            new([Labels, "text->image", "label"], "R@1", 0.60, 0.03, 2), new([Labels, "image->text", "label"], "R@1", 0.55, 0.04, 2),
            new([Simulated, "text->image", "simulated"], "R@1", 0.05, 0.005, 2), new([Simulated, "image->text", "simulated"], "R@1", 0.04, 0.004, 2),
            new([Labels, "text->image", "label"], "median rank", 2, 0, 2), new([Simulated, "text->image", "simulated"], "median rank", 40, 5, 2),
        ]);
    }

    /// <summary>Like <see cref="ZeroShotResult.Table"/> with an extra metric ("AUSUC") that no chart code names: 2 settings x 2 splits.</summary>
    public static ResultTable ZeroShot()
    {
        string[][] settings =
        [
            ["fixed", "devise", "minilm", "names", "label"], ["random", "devise", "minilm", "names", "label"],
            ["fixed", "compatibility", "minilm", "names", "label"], ["random", "compatibility", "minilm", "names", "label"],
        ];
        var metrics = new (string, double[])[]
            { ("ZSL", [0.5, 0.4, 0.6, 0.45]), ("S", [0.9, 0.88, 0.92, 0.9]), ("U", [0.0, 0.01, 0.02, 0.0]), ("H", [0.0, 0.02, 0.04, 0.0]), ("AUSUC", [0.3, 0.25, 0.35, 0.28]) };
        return new ResultTable(["split", "method", "label encoder", "label text", "text_source"],
            settings.SelectMany((s, i) => metrics.Select(m => new ResultRow(s, m.Item1, m.Item2[i], m.Item2[i] / 10, 2))));
    }

    public static SectionResult Result(RunSection section, ResultTable table, IReadOnlyList<int>? seeds = null) =>
        new(section, "synthetic", seeds ?? [0, 1], "settings v1", table, 12.5);
}
