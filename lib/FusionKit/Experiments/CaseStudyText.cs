using System.Text;

namespace FusionKit.Experiments;

/// <summary>Plain-text renderings of a case study's results, for consoles and logs.</summary>
public static class CaseStudyText
{
    /// <summary>The summary as an aligned text table (mean ± std over seeds, leaked rows marked).</summary>
    public static string SummaryTable(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var header = new[] { "variant", "role", "leaked", "seeds", "accuracy", "macro recall", "macro F1" };
        var rows = result.Summaries.Select(s => new[]
        {
            s.Variant.DisplayName, s.Variant.Role, s.Leaks ? "LEAKED" : "no", s.Seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s.Accuracy.Format(4), s.MacroRecall.Format(4), s.MacroF1.Format(4),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendJoin("  ", cells.Select((cell, i) => i < 3 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).Append('\n');
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        return text.ToString();
    }
}
