using FusionKit.Data;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>The case study's per-run and summary tables as CSV, through the kit's one CSV writer (<see cref="TableCsv"/>).</summary>
public static class CaseStudyCsv
{
    /// <summary>Columns of <see cref="Runs"/>.</summary>
    public static IReadOnlyList<string> RunColumns { get; } =
        ["variant", "role", "leaked", "seed", "accuracy", "macro_precision", "macro_recall", "macro_f1", "weighted_f1", "train_seconds", TextSources.ColumnName];

    /// <summary>Columns of <see cref="Summary"/>.</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
        ["variant", "role", "leaked", "seeds", "accuracy_mean", "accuracy_std", "macro_recall_mean", "macro_recall_std", "macro_f1_mean", "macro_f1_std",
         "macro_precision_mean", "macro_precision_std", "weighted_f1_mean", "weighted_f1_std", "train_seconds_mean", TextSources.ColumnName];

    /// <summary>One row per (variant, seed), written by <see cref="TableCsv"/>.</summary>
    public static string Runs(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.Runs;
        return TableCsv.ToCsv(new DataFrame(
            Text(RunColumns[0], runs.Select(r => r.Variant.DisplayName)), Text(RunColumns[1], runs.Select(r => r.Variant.Role)),
            Text(RunColumns[2], runs.Select(r => r.Leaks ? "yes" : "no")), new Int32DataFrameColumn(RunColumns[3], runs.Select(r => (int?)r.Seed)),
            Number(RunColumns[4], runs.Select(r => r.Accuracy)), Number(RunColumns[5], runs.Select(r => r.MacroPrecision)),
            Number(RunColumns[6], runs.Select(r => r.MacroRecall)), Number(RunColumns[7], runs.Select(r => r.MacroF1)),
            Number(RunColumns[8], runs.Select(r => r.WeightedF1)), Number(RunColumns[9], runs.Select(r => r.TrainSeconds)),
            Text(RunColumns[10], runs.Select(r => r.Variant.TextSourceName))));
    }

    /// <summary>One row per variant: mean and sample std over seeds (std empty for one seed), written by <see cref="TableCsv"/>.</summary>
    public static string Summary(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Summaries;
        return TableCsv.ToCsv(new DataFrame(
            Text(SummaryColumns[0], rows.Select(s => s.Variant.DisplayName)), Text(SummaryColumns[1], rows.Select(s => s.Variant.Role)),
            Text(SummaryColumns[2], rows.Select(s => s.Leaks ? "yes" : "no")), new Int32DataFrameColumn(SummaryColumns[3], rows.Select(s => (int?)s.Seeds)),
            Number(SummaryColumns[4], rows.Select(s => s.Accuracy.Mean)), Number(SummaryColumns[5], rows.Select(s => s.Accuracy.StandardDeviation)),
            Number(SummaryColumns[6], rows.Select(s => s.MacroRecall.Mean)), Number(SummaryColumns[7], rows.Select(s => s.MacroRecall.StandardDeviation)),
            Number(SummaryColumns[8], rows.Select(s => s.MacroF1.Mean)), Number(SummaryColumns[9], rows.Select(s => s.MacroF1.StandardDeviation)),
            Number(SummaryColumns[10], rows.Select(s => s.MacroPrecision.Mean)), Number(SummaryColumns[11], rows.Select(s => s.MacroPrecision.StandardDeviation)),
            Number(SummaryColumns[12], rows.Select(s => s.WeightedF1.Mean)), Number(SummaryColumns[13], rows.Select(s => s.WeightedF1.StandardDeviation)),
            Number(SummaryColumns[14], rows.Select(s => s.TrainSeconds.Mean)), Text(SummaryColumns[15], rows.Select(s => s.Variant.TextSourceName))));
    }

    private static StringDataFrameColumn Text(string name, IEnumerable<string> values) => new(name, values);

    private static DoubleDataFrameColumn Number(string name, IEnumerable<double> values) => new(name, values.Select(v => (double?)v));
}
