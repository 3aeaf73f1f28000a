using System.Net;
using System.Text;
using FusionKit.Charts;
using FusionKit.Experiments.CaseStudy;
using XPlot.Plotly;

namespace FusionKit.Runs;

/// <summary>
/// The one report writer of a run folder: for every complete section (case study, fusion, retrieval, zero-shot,
/// interaction, <see cref="SectionStore.LoadAll"/>) its chart pages in the section's folder, then one offline
/// <c>report.html</c> at the run folder's root with a part per section, one after another, and the run's timing table
/// (<see cref="RunTiming"/>) when the folder has one. It only reads the
/// sections' saved files, so a resumed or half-finished run reports the same way as a fresh one. Every file is
/// written atomically.
/// </summary>
public static class RunReport
{
    /// <summary>The report's file name, at the run folder's root.</summary>
    public const string FileName = "report.html";

    /// <summary>The chart page written into each section's folder but the case study's (plus a PNG copy when Chromium renders it).</summary>
    public const string SectionChartsName = "charts";

    /// <summary>The HTML fragment (inline images and captions) of where the fusion section's first cross-attention run looked, in its folder (and a PNG of the same name).</summary>
    public const string FusionAttentionFile = "attention-grid.html";

    /// <summary>The picture of where the interaction section's cross-attention model looked (an HTML fragment and a PNG of the same name), in its folder.</summary>
    public const string InteractionAttentionFile = "attention.html";

    /// <summary>The section's attention picture (an HTML fragment in its folder), its heading and caption; null for sections without one.</summary>
    private static (string File, string Heading, string Caption)? AttentionPicture(RunSection section) => section switch
    {
        RunSection.Fusion => (FusionAttentionFile, "Where cross-attention looked",
            "First cross-attention run of the grid: one test image per class, then the same image under the attention its side text paid to "
            + "ResNet18's 7x7 grid of regions (brighter = more weight), captioned with the simulated side text, the true class and the prediction."),
        RunSection.Interaction => (InteractionAttentionFile, "Where cross-attention looked for a question",
            "The section's cross-attention answer model (MiniLM questions preferred, first seed): a few test images with their GENERATED questions, "
            + "each image then the attention the question paid to ResNet18's 7x7 grid of regions (brighter = more weight), captioned with the true "
            + "and the predicted answer."),
        _ => null,
    };

    /// <summary>Writes the chart pages of every section and report.html.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="sections">The sections to report, in order; null = every complete section saved in the folder (<see cref="SectionStore.LoadAll"/>).</param>
    /// <param name="renderPng">Also render each chart page to PNG with headless Chromium when it is installed.</param>
    /// <exception cref="ArgumentException">Nothing to report: no complete section.</exception>
    public static RunReportFiles Write(string runDirectory, IReadOnlyList<SectionResult>? sections = null, bool renderPng = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var dir = Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(dir);
        sections ??= SectionStore.LoadAll(dir);
        if (sections.Count == 0)
            throw new ArgumentException($"{dir} holds no complete section: nothing to report. Run a section first (./fusionkit case-study --resume {dir}).", nameof(sections));
        var files = new List<string>();
        var pictures = new List<PngPage>();
        void Page(string folder, string name, string title, IReadOnlyList<PlotlyChart> charts)
        {
            if (charts.Count == 0) return;
            var html = Path.Combine(folder, name + ".html");
            ChartExport.SaveHtml(charts, html, title);
            pictures.Add(new PngPage(html, Path.Combine(folder, name + ".png"), 1150, Math.Max(600, charts.Sum(c => c.Height + 20))));
        }

        var runId = Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        var body = new StringBuilder();
        var parts = new List<(string Id, string Title)>();
        foreach (var section in sections)
        {
            var folder = SectionStore.FolderOf(dir, section.Section);
            if (section.Section == RunSection.CaseStudy)
            {
                // The case study charts its per-model results (confusion matrices, training curves), not only its table.
                var caseStudy = CaseStudyExperiment.Load(folder);
                var pages = CaseStudyFiles.ChartPages(caseStudy);
                foreach (var (name, title, pageCharts) in pages) Page(folder, name, title, pageCharts);
                body.Append(CaseStudyReportHtml.Body(caseStudy, runId, pages.SelectMany(p => p.Charts).ToList()));
                parts.Add((RunSections.Name(section.Section), SectionReportHtml.Title(section.Section)));
                continue;
            }
            var charts = SectionCharts.Of(section);
            Page(folder, SectionChartsName, SectionReportHtml.Title(section.Section), charts);
            body.Append(SectionReportHtml.Body(section, charts));
            if (AttentionPicture(section.Section) is var (file, heading, caption) && Path.Combine(folder, file) is var picture
                && File.Exists(picture))
                body.Append("<h3>").Append(heading).Append("</h3>\n<p>").Append(caption).Append("</p>\n").Append(File.ReadAllText(picture)).Append('\n');
            parts.Add((RunSections.Name(section.Section), SectionReportHtml.Title(section.Section)));
        }

        // Every chart page at once: one Chromium run renders them all (a run costs about 2 s to start).
        string? pngSkipped = "PNG rendering was turned off.";
        var rendered = renderPng ? ChartExport.TrySavePngs(pictures, out pngSkipped).ToHashSet() : [];
        foreach (var picture in pictures)
        {
            files.Add(picture.HtmlPath);
            if (rendered.Contains(Path.GetFullPath(picture.PngPath))) files.Add(picture.PngPath); // each PNG after its page
        }

        var timing = RunTiming.ReportHtml(dir);
        if (timing.Length > 0)
        {
            body.Append(timing);
            parts.Add(("timing", "Timing of this run"));
        }

        var page = new StringBuilder(CaseStudyReportHtml.Head("FusionKit run report " + runId));
        page.Append("<p>Run <code>").Append(WebUtility.HtmlEncode(runId)).Append("</code>. Sections: ")
            .AppendJoin(" · ", parts.Select(p => $"<a href=\"#{p.Id}\">{WebUtility.HtmlEncode(p.Title)}</a>")).Append(".</p>\n")
            .Append(body).Append("</body>\n</html>\n");
        var report = Path.Combine(dir, FileName);
        FusionKit.Data.AtomicFile.WriteAllText(report, page.ToString());
        files.Add(report);
        return new RunReportFiles(dir, files, pngSkipped);
    }
}
