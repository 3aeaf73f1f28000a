using System.Globalization;
using System.Text;
using FusionKit.Data;
using FusionKit.Text;

namespace FusionKit.Experiments;

/// <summary>The case study's tables as CSV (RFC 4180 quoting, invariant culture, full round-trip precision).</summary>
public static class CaseStudyCsv
{
    /// <summary>Columns of <see cref="Runs"/>.</summary>
    public static IReadOnlyList<string> RunColumns { get; } =
        ["variant", "role", "leaked", "seed", "accuracy", "macro_precision", "macro_recall", "macro_f1", "weighted_f1", "train_seconds", TextSources.ColumnName];

    /// <summary>Columns of <see cref="Summary"/>.</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
        ["variant", "role", "leaked", "seeds", "accuracy_mean", "accuracy_std", "macro_recall_mean", "macro_recall_std", "macro_f1_mean", "macro_f1_std",
         "macro_precision_mean", "macro_precision_std", "weighted_f1_mean", "weighted_f1_std", "train_seconds_mean", TextSources.ColumnName];

    /// <summary>One row per (variant, seed).</summary>
    public static string Runs(CaseStudyResult result)
    {
        var csv = new StringBuilder();
        Line(csv, RunColumns);
        foreach (var r in result.Runs)
            Line(csv, [r.Variant.DisplayName, r.Variant.Role, r.Leaks ? "yes" : "no", r.Seed.ToString(CultureInfo.InvariantCulture),
                       Num(r.Accuracy), Num(r.MacroPrecision), Num(r.MacroRecall), Num(r.MacroF1), Num(r.WeightedF1), Num(r.TrainSeconds), r.Variant.TextSourceName]);
        return csv.ToString();
    }

    /// <summary>One row per variant: mean and sample std over seeds (std empty for one seed).</summary>
    public static string Summary(CaseStudyResult result)
    {
        var csv = new StringBuilder();
        Line(csv, SummaryColumns);
        foreach (var s in result.Summaries)
            Line(csv, [s.Variant.DisplayName, s.Variant.Role, s.Leaks ? "yes" : "no", s.Seeds.ToString(CultureInfo.InvariantCulture),
                       Num(s.Accuracy.Mean), Num(s.Accuracy.StandardDeviation), Num(s.MacroRecall.Mean), Num(s.MacroRecall.StandardDeviation),
                       Num(s.MacroF1.Mean), Num(s.MacroF1.StandardDeviation), Num(s.MacroPrecision.Mean), Num(s.MacroPrecision.StandardDeviation),
                       Num(s.WeightedF1.Mean), Num(s.WeightedF1.StandardDeviation), Num(s.TrainSeconds.Mean), s.Variant.TextSourceName]);
        return csv.ToString();
    }

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(CsvField.Quote)).Append('\n');
    }
}
