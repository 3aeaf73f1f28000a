using System.Net;
using System.Text;
using FusionKit.Charts;
using XPlot.Plotly;

namespace FusionKit.Experiments;

/// <summary>
/// Writes the report of a run folder: the case study's files (when given) and, for every complete section
/// (fusion, retrieval, zero-shot, interaction), its chart page in the section's folder; then one offline report.html with a part
/// per section. Every file is written atomically.
/// </summary>
public static class RunReport
{
    /// <summary>The chart page written into each section's folder (plus a PNG copy when Chromium renders it).</summary>
    public const string SectionChartsName = "charts";

    /// <summary>The section's attention picture (an HTML fragment in its folder), its heading and caption; null for sections without one.</summary>
    private static (string File, string Heading, string Caption)? AttentionPicture(RunSection section) => section switch
    {
        RunSection.Fusion => (MainJob.AttentionGridFile, "Where cross-attention looked",
            "First cross-attention run of the grid: one test image per class, then the same image under the attention its side text paid to "
            + "ResNet18's 7x7 grid of regions (brighter = more weight), captioned with the simulated side text, the true class and the prediction."),
        RunSection.Interaction => (MainJob.InteractionAttentionFile, "Where cross-attention looked for a question",
            "The section's cross-attention answer model (MiniLM questions preferred, first seed): a few test images with their GENERATED questions, "
            + "each image then the attention the question paid to ResNet18's 7x7 grid of regions (brighter = more weight), captioned with the true "
            + "and the predicted answer."),
        _ => null,
    };

    /// <summary>Writes the report files and report.html.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="caseStudy">The case study's result, or null when the run has none.</param>
    /// <param name="sections">The sections to report; null = every complete section saved in the folder (<see cref="SectionStore.LoadAll"/>).</param>
    /// <param name="renderPng">Also render each chart page to PNG with headless Chromium when it is installed.</param>
    /// <exception cref="ArgumentException">Nothing to report: no case study and no section.</exception>
    public static CaseStudyReportFiles Write(string runDirectory, CaseStudyResult? caseStudy, IReadOnlyList<SectionResult>? sections = null, bool renderPng = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var dir = Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(dir);
        sections ??= SectionStore.LoadAll(dir);
        if (caseStudy is null && sections.Count == 0)
            throw new ArgumentException($"{dir} holds no case study and no complete section: nothing to report.", nameof(sections));
        var files = new List<string>();
        string? pngSkipped = renderPng ? null : "PNG rendering was turned off.";
        void Page(string folder, string name, string title, IReadOnlyList<PlotlyChart> charts)
        {
            if (charts.Count == 0) return;
            var html = Path.Combine(folder, name + ".html");
            ChartExport.SaveHtml(charts, html, title);
            files.Add(html);
            if (pngSkipped is not null) return;
            var png = Path.Combine(folder, name + ".png");
            var height = Math.Max(600, charts.Sum(c => c.Height + 20));
            if (ChartExport.TrySavePng(html, png, out var reason, width: 1150, height: height)) files.Add(png);
            else pngSkipped = reason;
        }

        var runId = Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        var body = new StringBuilder();
        var parts = new List<(string Id, string Title)>();
        if (caseStudy is not null)
        {
            files.AddRange(CaseStudyReport.WriteData(caseStudy, dir));
            var pages = CaseStudyReport.ChartPages(caseStudy);
            foreach (var (name, title, charts) in pages) Page(dir, name, title, charts);
            body.Append(CaseStudyReportHtml.Body(caseStudy, runId, pages.SelectMany(p => p.Charts).ToList()));
            parts.Add((RunSections.Name(RunSection.CaseStudy), "Case study and leakage audit"));
        }
        foreach (var section in sections)
        {
            var charts = SectionCharts.Of(section);
            Page(SectionStore.FolderOf(dir, section.Section), SectionChartsName, SectionReportHtml.Title(section.Section), charts);
            body.Append(SectionReportHtml.Body(section, charts));
            if (AttentionPicture(section.Section) is var (file, heading, caption) && Path.Combine(SectionStore.FolderOf(dir, section.Section), file) is var picture
                && File.Exists(picture))
                body.Append("<h3>").Append(heading).Append("</h3>\n<p>").Append(caption).Append("</p>\n").Append(File.ReadAllText(picture)).Append('\n');
            parts.Add((RunSections.Name(section.Section), SectionReportHtml.Title(section.Section)));
        }

        var page = new StringBuilder(CaseStudyReportHtml.Head("FusionKit run report " + runId));
        page.Append("<p>Run <code>").Append(WebUtility.HtmlEncode(runId)).Append("</code>. Sections: ")
            .AppendJoin(" · ", parts.Select(p => $"<a href=\"#{p.Id}\">{WebUtility.HtmlEncode(p.Title)}</a>")).Append(".</p>\n")
            .Append(body).Append("</body>\n</html>\n");
        var report = Path.Combine(dir, CaseStudyReport.ReportFileName);
        Caching.AtomicFile.WriteAllText(report, page.ToString());
        files.Add(report);
        return new CaseStudyReportFiles(dir, files, pngSkipped);
    }
}
