using System.Text.Json;
using FusionKit.Charts;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Tests.Embeddings;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.CaseStudy;

[Collection(TorchTrainingCollection.Name)]
public class CaseStudyFilesTests
{
    public CaseStudyFilesTests() => TorchRuntime.EnsureReady();

    /// <summary>The case-study section of a run folder as the pipeline writes it (synthetic data, two seeds), and the run's report.</summary>
    private static (CaseStudyResult Result, RunReportFiles Files) Written()
    {
        var data = SyntheticEmbeddedData.Create(trainPerClass: 20, testPerClass: 10);
        var folder = RunFolder.Create("case-study", "synthetic", TorchTestSupport.TempFolder(), new DateTime(2026, 11, 28, 12, 10, 0, DateTimeKind.Utc)).Path;
        var pipeline = new RunPipeline(data.Profile, folder) { Data = data, Seeds = [0, 1], CaseStudyConfig = SyntheticEmbeddedData.Config(epochs: 2), LogEpochs = false };
        pipeline.Section(RunSection.CaseStudy);
        return (pipeline.LoadCaseStudy(), pipeline.WriteReport(renderPng: false));
    }

    [Fact]
    public void Write_ProducesValidJsonCsvChartsAndAnOfflineReport()
    {
        var (result, files) = Written();
        var root = files.RunDirectory;
        var dir = Path.Combine(root, "case-study");
        Assert.True(File.Exists(Path.Combine(root, "config.json")));
        Assert.True(File.Exists(Path.Combine(root, "report.html")));
        foreach (var name in new[] { "study.json", "section.json", "metrics.json", "metrics.csv", "summary.csv",
                                     "leakage-audit.html", "confusion-matrices.html", "per-class-f1.html", "training-curves.html" })
            Assert.True(File.Exists(Path.Combine(dir, name)), name);
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories)); // atomic writes leave no temp files

        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "config.json"))))
        {
            var run = config.RootElement;
            Assert.Equal("synthetic", run.GetProperty("profile").GetProperty("name").GetString());
            Assert.Equal([0, 1], run.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
            Assert.False(string.IsNullOrEmpty(run.GetProperty("packages").GetProperty("TorchSharp").GetString()));
        }
        using (var study = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "study.json"))))
        {
            var settings = study.RootElement;
            Assert.Equal(16, settings.GetProperty("config").GetProperty("batchSize").GetInt32());
            Assert.Equal("synthetic-train-7", settings.GetProperty("data").GetProperty("fingerprints").GetProperty("train").GetString());
        }

        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json"))))
        {
            var runs = metrics.RootElement.GetProperty("runs");
            Assert.Equal(result.Runs.Count, runs.GetArrayLength());
            var firstRun = runs[0];
            Assert.Equal(5, firstRun.GetProperty("confusionMatrix").GetArrayLength());
            Assert.Equal(5, firstRun.GetProperty("classificationReport").GetArrayLength());
            Assert.False(firstRun.TryGetProperty("history", out _)); // histories are per training, see LeakMarkingTests
            Assert.Equal(2, metrics.RootElement.GetProperty("trainings")[0].GetProperty("history").GetArrayLength());
            // No early stopping: the last epoch's weights are evaluated, no best epoch is reported, and the run says so.
            var firstTraining = metrics.RootElement.GetProperty("trainings")[0];
            Assert.Equal(JsonValueKind.Null, firstTraining.GetProperty("bestEpoch").ValueKind);
            Assert.StartsWith("last epoch (2); no best epoch", firstTraining.GetProperty("evaluatedWeights").GetString());
            var summary = metrics.RootElement.GetProperty("summary");
            Assert.Equal(result.Summaries.Count, summary.GetArrayLength());
            var leaked = summary.EnumerateArray().Where(s => s.GetProperty("leaked").GetBoolean()).Select(s => s.GetProperty("variant").GetString()).ToList();
            Assert.Equal(["paper (wordvec)", "paper (wordvec), wrong label text", "paper (minilm)", "paper (minilm), wrong label text"], leaked);
            var imageOnly = result.Summary("image-only");
            Assert.Equal(imageOnly.Accuracy.Mean, summary[0].GetProperty("accuracy").GetProperty("mean").GetDouble(), 12);
            Assert.Equal("n/a", summary[0].GetProperty("text_source").GetString()); // image-only reads no text
            Assert.All(summary.EnumerateArray().Skip(1), s => Assert.Equal("label", s.GetProperty("text_source").GetString()));
            Assert.All(metrics.RootElement.GetProperty("runs").EnumerateArray(), r => Assert.True(r.TryGetProperty("text_source", out _)));
        }

        var runLines = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        Assert.Equal(string.Join(',', CaseStudyCsv.RunColumns), runLines[0]);
        Assert.Equal(result.Runs.Count + 1, runLines.Length);
        Assert.Contains(runLines, l => l.StartsWith("paper (minilm) [leaked],paper protocol (leaked),yes,0,", StringComparison.Ordinal));
        var summaryLines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.Equal(string.Join(',', CaseStudyCsv.SummaryColumns), summaryLines[0]);
        Assert.Equal(result.Summaries.Count + 1, summaryLines.Length);
        Assert.All(summaryLines.Skip(1), l => Assert.Equal(CaseStudyCsv.SummaryColumns.Count, FusionKit.Data.CsvField.Split(l).Count));
        var wrongRow = FusionKit.Data.CsvField.Split(summaryLines.Single(l => l.StartsWith("\"paper (minilm), wrong", StringComparison.Ordinal)));
        Assert.Equal(["paper (minilm), wrong label text [leaked]", "leakage audit", "yes", "2"], wrongRow.Take(4));
        Assert.Equal("label", wrongRow[^1]);
        Assert.Contains(runLines, l => l.StartsWith("image-only,", StringComparison.Ordinal) && l.EndsWith(",n/a", StringComparison.Ordinal));

        var html = File.ReadAllText(files.ReportPath);
        Assert.Contains("<table id=\"summary\">", html);
        Assert.Contains("paper (wordvec) [leaked]", html);
        Assert.Contains("LEAKED", html);
        Assert.Contains("compatibility (minilm)", html);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Occurrences(html, "plotly.js " + PlotlyJs.Version + " (MIT licence)"));
        // Every chart of every chart page is drawn in the report.
        // (plotly.js itself mentions Plotly.newPlot in its source.)
        Assert.Equal(CaseStudyFiles.ChartPages(result).Sum(p => p.Charts.Count), Occurrences(html, "Plotly.newPlot") - Occurrences(PlotlyJs.Source, "Plotly.newPlot"));
    }

    [Fact]
    public void Load_ReadsAFolderBack_WithTheSameMetrics()
    {
        var folder = TorchTestSupport.TempFolder();
        var result = new CaseStudyExperiment(SyntheticEmbeddedData.Config(epochs: 2)).Run(SyntheticEmbeddedData.Create(trainPerClass: 20, testPerClass: 10), seeds: [0, 1], folder: folder);
        var loaded = CaseStudyExperiment.Load(folder);
        Assert.Equal(result.Profile.Name, loaded.Profile.Name);
        Assert.Equal(result.Config.Fingerprint(), loaded.Config.Fingerprint());
        Assert.Equal(result.ClassNames, loaded.ClassNames);
        Assert.Equal(result.Runs.Select(r => (r.Variant.Name, r.Seed, r.Accuracy, r.MacroF1, r.History.Epochs.Count)),
                     loaded.Runs.Select(r => (r.Variant.Name, r.Seed, r.Accuracy, r.MacroF1, r.History.Epochs.Count)));
        Assert.Equal(result.Summaries.Select(s => s.MacroRecall), loaded.Summaries.Select(s => s.MacroRecall));
        Assert.Throws<InvalidDataException>(() => CaseStudyExperiment.Load(TorchTestSupport.TempFolder()));
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
