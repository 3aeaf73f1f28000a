using System.Text;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>Plain-text renderings of a case study's results, for consoles and logs.</summary>
public static class CaseStudyText
{
    /// <summary>The summary as an aligned text table (mean ± std over seeds, leaked rows marked).</summary>
    public static string SummaryTable(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var header = new[] { "variant", "role", "leaked", "seeds", "accuracy", "macro recall", "macro F1", FusionKit.Text.TextSources.ColumnName };
        var rows = result.Summaries.Select(s => new[]
        {
            s.Variant.DisplayName, s.Variant.Role, s.Leaks ? "LEAKED" : "no", s.Seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s.Accuracy.Format(4), s.MacroRecall.Format(4), s.MacroF1.Format(4), s.Variant.TextSourceName,
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.Append(string.Join("  ", cells.Select((cell, i) => i < 3 || i == cells.Count - 1 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        return text.ToString();
    }

    /// <summary>
    /// The leakage explained in four sentences, with this run's own figures (mean accuracy over seeds): the paper
    /// model with the true, a wrong, a random and no label text, against image-only and the compatibility model.
    /// </summary>
    public static string LeakageExplanation(CaseStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string Accuracy(Func<CaseStudyVariant, bool> match) =>
            result.Summaries.LastOrDefault(s => match(s.Variant)) is { } s ? s.Accuracy.Mean.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        bool Paper(CaseStudyVariant v, TestTextKind kind) => v.Model == CaseStudyModelKind.Paper && v.TestText == kind;
        var paperEncoder = result.Summaries.LastOrDefault(s => s.Variant.Model == CaseStudyModelKind.Paper)?.Variant.TextEncoder ?? "n/a";
        return "The paper's model receives, next to the image embedding, the text embedding of the image's class label, in training and "
            + "at test time alike: the answer is part of the input, so no label-free prediction is ever made. "
            + $"In this run paper ({paperEncoder}) [leaked] scores {Accuracy(v => Paper(v, TestTextKind.TrueLabel))} with the true label's text, "
            + $"against {Accuracy(v => v.Model == CaseStudyModelKind.ImageOnly)} for the same head on the image alone. "
            + $"The audit feeds the same weights other texts: a wrong label's text gives {Accuracy(v => Paper(v, TestTextKind.WrongLabel))} [leaked: that text is chosen to differ from the true label], "
            + $"a random label's text {Accuracy(v => Paper(v, TestTextKind.RandomLabel))} and no text {Accuracy(v => Paper(v, TestTextKind.Zeros))}; "
            + "a classifier of images would not care which text it is shown, so every point lost there was read off the label. "
            + $"The honest use of label text is the compatibility model ({Accuracy(v => v.Model == CaseStudyModelKind.Compatibility)}), which scores "
            + "the image against every label's text and needs no label at test time; it and image-only are the results.";
    }
}
