using System.Net;
using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Tests.Embeddings;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Runs;

[Collection(TorchTrainingCollection.Name)]
public class RunReportTests
{
    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static int DrawnCharts(string html) => Occurrences(html, "Plotly.newPlot") - Occurrences(PlotlyJs.Source, "Plotly.newPlot");

    private static void SaveAllSections(string folder)
    {
        SectionStore.Save(folder, SectionTestTables.Result(RunSection.Fusion, SectionTestTables.Fusion()));
        SectionStore.Save(folder, SectionTestTables.Result(RunSection.Retrieval, SectionTestTables.Retrieval()));
        SectionStore.Save(folder, SectionTestTables.Result(RunSection.ZeroShot, SectionTestTables.ZeroShot()));
    }

    [Fact]
    public void Report_WithoutCaseStudy_HasAPartPerSavedSection_ItsTableChartsAndExplanation()
    {
        var root = TorchTestSupport.TempFolder();
        var dir = RunFolder.Create("case-study", "synthetic", root).Path;
        RunConfigFile.Ensure(dir, new RunProfile("synthetic", 10, 5, 0.1, [0, 1]), [0, 1]);
        SaveAllSections(dir);

        var files = RunReport.Write(dir, renderPng: false);

        var html = File.ReadAllText(files.ReportPath);
        foreach (var id in new[] { "fusion", "retrieval", "zero-shot" })
        {
            Assert.Contains($"<h1 id=\"{id}\">", html);
            Assert.Contains($"<table class=\"section\" id=\"{id}-table\">", html);
            Assert.True(File.Exists(Path.Combine(dir, id, RunReport.SectionChartsName + ".html")), id);
        }
        Assert.DoesNotContain("id=\"case-study\"", html);
        Assert.Contains("SIMULATED", html);
        Assert.Contains("seen-class bias", html);
        Assert.Contains(WebUtility.HtmlEncode("mean ± sample standard deviation (ddof 1) over 2 model seeds"), html);
        Assert.Contains("<td class=\"t\">" + WebUtility.HtmlEncode("0.900 ± 0.020") + "</td>", html); // gated @ 0.8/0.1/0.1 accuracy, hand-made table
        Assert.Contains("<th>AUSUC</th>", html);
        Assert.Equal(1, Occurrences(html, "plotly.js " + PlotlyJs.Version + " (MIT licence)"));
        Assert.Equal(2 + 3 + 5, DrawnCharts(html)); // fusion: accuracy, macro-F1; retrieval: 3; zero-shot: one per metric pair
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(dir, RunFolder.Latest("case-study", "synthetic", root)?.Path);
    }

    /// <summary>With Chromium installed every chart page gets a PNG copy, listed after its page, report.html last.</summary>
    [SystemToolFact("chromium")]
    public void Report_WithChromium_RendersEveryChartPageToPng_InPageOrder()
    {
        var dir = RunFolder.Create("case-study", "synthetic", TorchTestSupport.TempFolder()).Path;
        RunConfigFile.Ensure(dir, new RunProfile("synthetic", 10, 5, 0.1, [0, 1]), [0, 1]);
        SaveAllSections(dir);

        var files = RunReport.Write(dir);

        Assert.Null(files.PngSkipped);
        var pages = new[] { "fusion", "retrieval", "zero-shot" }.Select(id => Path.Combine(dir, id, RunReport.SectionChartsName)).ToArray();
        Assert.Equal([.. pages.SelectMany(p => new[] { p + ".html", p + ".png" }), files.ReportPath], files.Files);
        foreach (var page in pages)
        {
            var png = File.ReadAllBytes(page + ".png");
            Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', page);
        }
        Assert.Empty(Directory.GetFiles(dir, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Report_HasTheCaseStudyAsASectionLikeTheOthers_FirstAndInItsOwnFolder()
    {
        TorchRuntime.EnsureReady();
        var data = SyntheticEmbeddedData.Create(trainPerClass: 10, testPerClass: 5);
        var dir = RunFolder.Create("case-study", "synthetic", TorchTestSupport.TempFolder()).Path;
        var config = SyntheticEmbeddedData.Config(epochs: 1) with { TextEncoders = ["wordvec"] };
        var pipeline = new RunPipeline(data.Profile, dir) { Data = data, Seeds = [0], CaseStudyConfig = config, LogEpochs = false };
        pipeline.Section(RunSection.CaseStudy);
        SectionStore.Save(dir, SectionTestTables.Result(RunSection.ZeroShot, SectionTestTables.ZeroShot()));

        var files = pipeline.WriteReport(renderPng: false);

        var html = File.ReadAllText(files.ReportPath);
        Assert.Equal(Path.Combine(dir, "report.html"), files.ReportPath);
        Assert.Contains("<h1 id=\"case-study\">", html);
        Assert.Contains("<table id=\"summary\">", html);
        Assert.Contains("<h1 id=\"zero-shot\">", html);
        Assert.True(html.IndexOf("<h1 id=\"case-study\">", StringComparison.Ordinal) < html.IndexOf("<h1 id=\"zero-shot\">", StringComparison.Ordinal)); // run order
        Assert.DoesNotContain("<h1 id=\"fusion\">", html);
        var caseStudy = pipeline.LoadCaseStudy();
        Assert.Equal(CaseStudyFiles.ChartPages(caseStudy).Sum(p => p.Charts.Count) + 5, DrawnCharts(html));
        Assert.True(File.Exists(Path.Combine(dir, "case-study", "leakage-audit.html")));
        Assert.False(File.Exists(Path.Combine(dir, "leakage-audit.html"))); // nothing of a section at the run folder's root
        Assert.True(CaseStudyExperiment.HasSavedRuns(Path.Combine(dir, "case-study")));
        Assert.Throws<ArgumentException>(() => RunReport.Write(TorchTestSupport.TempFolder(), renderPng: false));
    }
}
