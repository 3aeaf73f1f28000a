using System.Globalization;
using System.Text;

namespace FusionKit.Evaluation;

/// <summary>
/// Text layout of scikit-learn's <c>classification_report</c>: a name column as wide as the longest of the class
/// names and "weighted avg", then four 9-wide right-aligned columns each preceded by a space; a blank line after
/// the header and after the class rows; "accuracy" shows only the f1-score column and the support.
/// </summary>
internal static class ClassificationReportText
{
    private const int ColumnWidth = 9;

    public static string Format(ClassificationReport report, int digits)
    {
        var width = Math.Max(Math.Max(report.Classes.Max(c => c.Name.Length), "weighted avg".Length), digits);
        var text = new StringBuilder();
        text.Append(new string(' ', width)).Append(' ');
        foreach (var header in new[] { "precision", "recall", "f1-score", "support" })
            text.Append(' ').Append(header.PadLeft(ColumnWidth));
        text.Append("\n\n");
        foreach (var row in report.Classes)
            AppendRow(text, width, digits, row.Name, row.Precision, row.Recall, row.F1, row.Support);
        text.Append('\n');

        text.Append(PadName("accuracy", width)).Append(' ')
            .Append(' ').Append(new string(' ', ColumnWidth))
            .Append(' ').Append(new string(' ', ColumnWidth))
            .Append(' ').Append(Number(report.Accuracy, digits).PadLeft(ColumnWidth))
            .Append(' ').Append(report.TotalSupport.ToString(CultureInfo.InvariantCulture).PadLeft(ColumnWidth))
            .Append('\n');
        var macro = report.MacroAverage;
        AppendRow(text, width, digits, "macro avg", macro.Precision, macro.Recall, macro.F1, macro.Support);
        var weighted = report.WeightedAverage;
        AppendRow(text, width, digits, "weighted avg", weighted.Precision, weighted.Recall, weighted.F1, weighted.Support);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, int width, int digits, string name, double precision, double recall, double f1, int support)
    {
        text.Append(PadName(name, width)).Append(' ');
        foreach (var value in new[] { precision, recall, f1 })
            text.Append(' ').Append(Number(value, digits).PadLeft(ColumnWidth));
        text.Append(' ').Append(support.ToString(CultureInfo.InvariantCulture).PadLeft(ColumnWidth)).Append('\n');
    }

    private static string PadName(string name, int width) => name.PadLeft(width);

    /// <summary>Python's <c>format(x, ".{digits}f")</c>: fixed point, "nan" for NaN.</summary>
    private static string Number(double value, int digits) =>
        double.IsNaN(value) ? "nan" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
