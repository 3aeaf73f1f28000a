using System.Globalization;
using System.Net;
using System.Text;
using FusionKit.Charts;
using FusionKit.Experiments.CaseStudy;
using XPlot.Plotly;

namespace FusionKit.Runs;

/// <summary>The case study's part of report.html, and the page head every report shares (works offline, plotly.js inlined once).</summary>
internal static class CaseStudyReportHtml
{
    /// <summary>The page's head (plotly.js inlined once, styles) up to and including &lt;body&gt;.</summary>
    public static string Head(string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<!-- plotly.js ").Append(PlotlyJs.Version).Append(" (MIT licence), inlined once for offline use -->\n")
            .Append("<script type=\"text/javascript\">\n").Append(PlotlyJs.Source).Append("\n</script>\n")
            .Append("<style>body{font-family:sans-serif;margin:16px;max-width:1200px}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child,td.t{text-align:left}")
            .Append("tr.leaked{background:#fde2e2;color:#7a1f1f}tr.honest{background:#e6f4ea}</style>\n</head>\n<body>\n");
        return html.ToString();
    }

    /// <summary>A chart's div and the script that draws it (plotly.js must be on the page).</summary>
    public static string Chart(PlotlyChart chart) =>
        ChartHtml.Div(chart) + "<script type=\"text/javascript\">\n" + chart.GetPlottingJS() + "\n</script>\n";

    /// <summary>The case study's part of the report: what was run, the leak explained, the summary table and its charts.</summary>
    public static string Body(CaseStudyResult result, string runId, IReadOnlyList<PlotlyChart> charts)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var c = CultureInfo.InvariantCulture;
        var cfg = result.Config;
        var html = new StringBuilder();
        html.Append("<h1 id=\"case-study\">Case study: image + label-text fusion on Fashion-MNIST</h1>\n")
            .Append("<p>Run <code>").Append(E(runId)).Append("</code>, profile <b>").Append(E(result.Profile.Name)).Append("</b>, seeds ")
            .Append(E(string.Join(", ", result.Seeds))).Append(string.Format(c, "; {0:N0} train, {1:N0} validation (monitoring only), {2:N0} test samples; ",
                result.Data.TrainCount, result.Data.ValidationCount, result.Data.TestCount))
            .Append(E(result.Data.ImageEncoder)).Append(string.Format(c, " image embeddings ({0}-d).</p>\n", result.Data.ImageDim));

        html.Append("<h2>What was run</h2>\n<ul>\n")
            .Append(string.Format(c, "<li>Head: Z<sub>l</sub> = σ(W<sub>l</sub> Z<sub>l−1</sub> + b<sub>l</sub>), hidden [{0}], σ = {1}; cross-entropy, Adam (lr {2}), {3} epochs, batch {4}.</li>\n",
                string.Join(", ", cfg.HiddenSizes), cfg.Activation, cfg.LearningRate, cfg.Epochs, cfg.BatchSize))
            .Append("<li><b>image-only</b>: the head on the image embedding (baseline).</li>\n")
            .Append("<li><b>paper (encoder)</b>: [image ; text embedding of the sample's true label] → head, tested with the true label's text, as in the paper (<b>leaked</b>).</li>\n")
            .Append("<li>Leakage audit: the same paper weights tested with a wrong label's text, a random label's text and no text (zeros).</li>\n")
            .Append("<li><b>compatibility (encoder)</b>: score(image, label text) for every label, softmax over labels, argmax; no label input.</li>\n")
            .Append("<li>Text encoders: ").Append(E(string.Join(", ", cfg.TextEncoders))).Append(". Means ± sample std (ddof 1) over seeds; one seed has no std.</li>\n</ul>\n");

        html.Append("<h2>Why the paper's figure is leaked</h2>\n<p>").Append(E(CaseStudyText.LeakageExplanation(result))).Append("</p>\n");

        html.Append(string.Format(c, "<h2>Summary (test set, mean ± std over {0} seed{1})</h2>\n", result.Seeds.Count, result.Seeds.Count == 1 ? "" : "s"))
            .Append("<table id=\"summary\">\n<tr><th>variant</th><th>role</th><th>leaked</th><th>seeds</th><th>accuracy</th><th>macro recall</th><th>macro F1</th><th>train s/model</th></tr>\n");
        foreach (var s in result.Summaries)
        {
            var rowClass = s.Leaks ? " class=\"leaked\"" : s.Variant.Role is "honest" or "baseline" ? " class=\"honest\"" : "";
            html.Append("<tr").Append(rowClass).Append("><td>").Append(E(s.Variant.DisplayName)).Append("</td><td class=\"t\">").Append(E(s.Variant.Role))
                .Append("</td><td class=\"t\">").Append(s.Leaks ? "<b>LEAKED</b>" : "no").Append("</td><td>").Append(s.Seeds.ToString(c))
                .Append("</td><td>").Append(E(s.Accuracy.Format(4))).Append("</td><td>").Append(E(s.MacroRecall.Format(4)))
                .Append("</td><td>").Append(E(s.MacroF1.Format(4))).Append("</td><td>").Append(s.TrainSeconds.Mean.ToString("F1", c)).Append("</td></tr>\n");
        }
        html.Append("</table>\n<p>Rows marked LEAKED read the test sample's true label at test time (its text, or a text chosen to differ from it): ")
            .Append("they measure the leak and are never a result. Per-run figures: <code>case-study/metrics.csv</code>, <code>case-study/metrics.json</code>.</p>\n");

        html.Append("<h2>Charts</h2>\n");
        foreach (var chart in charts) html.Append(Chart(chart));
        return html.ToString();
    }
}
