using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Caching;
using FusionKit.Charts;
using FusionKit.Platform;
using FusionKit.Text;
using XPlot.Plotly;

namespace FusionKit.Experiments;

/// <summary>What <see cref="CaseStudyReport.Write"/> wrote.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="Files">Every file written (full paths), report.html last.</param>
/// <param name="PngSkipped">Why PNG copies of the charts were not written, or null when they were.</param>
public sealed record CaseStudyReportFiles(string RunDirectory, IReadOnlyList<string> Files, string? PngSkipped)
{
    /// <summary>The one-page report.</summary>
    public string ReportPath => Path.Combine(RunDirectory, CaseStudyReport.ReportFileName);
}

/// <summary>
/// Writes a case study's results into its run folder (<c>results/&lt;run-id&gt;/</c>): <c>config.json</c>,
/// <c>metrics.json</c> (per run and aggregated), <c>metrics.csv</c> (per run), <c>summary.csv</c> (aggregated),
/// the charts as standalone offline HTML (and PNG when Chromium is present) and a one-page <c>report.html</c>.
/// Every file is written atomically.
/// </summary>
public static class CaseStudyReport
{
    public const string ReportFileName = "report.html";
    public const string ConfigFileName = "config.json";

    /// <summary>The profile name recorded in a run folder's config.json, or null when it cannot be read.</summary>
    public static string? ProfileNameOf(string runDirectory)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, ConfigFileName)));
            return json.RootElement.TryGetProperty("profile", out var p) && p.TryGetProperty("name", out var n) ? n.GetString() : null;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Writes config.json: profile, settings, seeds, encoders, package versions and data fingerprints.</summary>
    public static void WriteConfig(string runDirectory, RunProfile profile, CaseStudyConfig config, IReadOnlyList<int> seeds,
                                   IReadOnlyList<string> classNames, CaseStudyDataInfo data)
    {
        var json = new JsonObject
        {
            ["runId"] = Path.GetFileName(Path.GetFullPath(runDirectory).TrimEnd(Path.DirectorySeparatorChar)),
            ["written"] = DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture),
            ["profile"] = JsonSerializer.SerializeToNode(profile, CaseStudyStore.Json),
            ["seeds"] = JsonSerializer.SerializeToNode(seeds, CaseStudyStore.Json),
            ["classNames"] = JsonSerializer.SerializeToNode(classNames, CaseStudyStore.Json),
            ["config"] = JsonSerializer.SerializeToNode(config, CaseStudyStore.Json),
            ["textEncoders"] = JsonSerializer.SerializeToNode(config.TextEncoders, CaseStudyStore.Json),
            ["imageEncoder"] = data.ImageEncoder,
            ["data"] = JsonSerializer.SerializeToNode(data, CaseStudyStore.Json),
            ["packages"] = PackageVersions(),
            ["runtime"] = new JsonObject
            {
                [".NET"] = Environment.Version.ToString(),
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["processors"] = Environment.ProcessorCount,
            },
        };
        AtomicFile.WriteAllText(Path.Combine(runDirectory, ConfigFileName), json.ToJsonString(CaseStudyStore.Json));
    }

    /// <summary>
    /// Writes every report file into <paramref name="runDirectory"/> (default: the result's own run folder); report.html
    /// also holds every complete section saved in that folder (<see cref="RunReport.Write"/>).
    /// </summary>
    /// <param name="result">The case study's result.</param>
    /// <param name="runDirectory">Target folder; required when the result was computed in memory.</param>
    /// <param name="renderPng">Also render each chart page to PNG with headless Chromium when it is installed.</param>
    public static CaseStudyReportFiles Write(CaseStudyResult result, string? runDirectory = null, bool renderPng = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dir = Path.GetFullPath(runDirectory ?? result.RunDirectory
            ?? throw new ArgumentException("The result was computed without a run folder; pass runDirectory.", nameof(runDirectory)));
        return RunReport.Write(dir, result, sections: null, renderPng);
    }

    /// <summary>Writes config.json, metrics.json, metrics.csv and summary.csv of a case study into <paramref name="dir"/>; returns their paths.</summary>
    internal static IReadOnlyList<string> WriteData(CaseStudyResult result, string dir)
    {
        var files = new List<string>();
        string Put(string name, string text)
        {
            var path = Path.Combine(dir, name);
            AtomicFile.WriteAllText(path, text);
            files.Add(path);
            return path;
        }

        WriteConfig(dir, result.Profile, result.Config, result.Seeds, result.ClassNames, result.Data);
        files.Add(Path.Combine(dir, ConfigFileName));
        Put("metrics.json", MetricsJson(result).ToJsonString(CaseStudyStore.Json));
        Put("metrics.csv", CaseStudyCsv.Runs(result));
        Put("summary.csv", CaseStudyCsv.Summary(result));
        return files;
    }

    /// <summary>
    /// Writes a run-level config.json (run id, profile, seeds, package versions) unless the folder already has one
    /// (a case study writes its fuller one): it records the profile and seeds of a run without the case study, so
    /// the run resumes with its own settings.
    /// </summary>
    public static void EnsureRunConfig(string runDirectory, RunProfile profile, IReadOnlyList<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(seeds);
        Directory.CreateDirectory(runDirectory);
        var path = Path.Combine(runDirectory, ConfigFileName);
        if (File.Exists(path)) return;
        var json = new JsonObject
        {
            ["runId"] = Path.GetFileName(Path.GetFullPath(runDirectory).TrimEnd(Path.DirectorySeparatorChar)),
            ["written"] = DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture),
            ["profile"] = JsonSerializer.SerializeToNode(profile, CaseStudyStore.Json),
            ["seeds"] = JsonSerializer.SerializeToNode(seeds, CaseStudyStore.Json),
            ["packages"] = PackageVersions(),
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(CaseStudyStore.Json));
    }

    /// <summary>The chart pages of a result: file stem, page title and charts.</summary>
    public static IReadOnlyList<(string Name, string Title, IReadOnlyList<PlotlyChart> Charts)> ChartPages(CaseStudyResult result)
    {
        var honest = result.HeadlineHonestVariant.Name;
        var pages = new List<(string, string, IReadOnlyList<PlotlyChart>)>
        {
            ("leakage-audit", "Leakage audit", [CaseStudyCharts.LeakageAudit(result)]),
            ("confusion-matrices", "Confusion matrices", Distinct([honest, CaseStudyVariant.ImageOnly.Name]).Select(v => CaseStudyCharts.Confusion(result, v)).ToList()),
            ("per-class-f1", "F1 per class", Distinct([honest, CaseStudyVariant.ImageOnly.Name]).Select(v => CaseStudyCharts.PerClassF1(result, v)).ToList()),
            ("training-curves", "Training curves", CaseStudyCharts.TrainingCurves(result)),
        };
        return pages;
    }

    private static IEnumerable<string> Distinct(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal);

    private static JsonObject MetricsJson(CaseStudyResult result)
    {
        static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        static JsonObject Summary(Evaluation.MetricSummary s) => new() { ["mean"] = Number(s.Mean), ["std"] = Number(s.StandardDeviation), ["n"] = s.Count };
        var runs = new JsonArray();
        foreach (var r in result.Runs)
        {
            var classes = new JsonArray();
            foreach (var c in r.Report.Classes)
                classes.Add(new JsonObject { ["class"] = c.Name, ["precision"] = Number(c.Precision), ["recall"] = Number(c.Recall), ["f1"] = Number(c.F1), ["support"] = c.Support });
            runs.Add(new JsonObject
            {
                ["variant"] = r.Variant.Name,
                ["role"] = r.Variant.Role,
                ["leaked"] = r.Leaks,
                ["testText"] = r.Variant.TestText.ToString(),
                ["seed"] = r.Seed,
                ["accuracy"] = Number(r.Accuracy),
                ["macroPrecision"] = Number(r.MacroPrecision),
                ["macroRecall"] = Number(r.MacroRecall),
                ["macroF1"] = Number(r.MacroF1),
                ["weightedF1"] = Number(r.WeightedF1),
                ["trainSeconds"] = Number(r.TrainSeconds),
                ["classificationReport"] = classes,
                ["confusionMatrix"] = JsonSerializer.SerializeToNode(CaseStudyStore.Counts(r.Confusion)),
                ["training"] = r.Variant.TrainingName,
                [TextSources.ColumnName] = r.Variant.TextSourceName,
            });
        }
        // Training histories are listed once per trained model, apart from the evaluation rows: the paper model's
        // history is leaked (validated with the true label's text) even under its non-leaked audit rows.
        var trainings = new JsonArray();
        foreach (var r in result.Runs.Where(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel))
        {
            trainings.Add(new JsonObject
            {
                ["training"] = r.Variant.TrainingName,
                ["leaked"] = r.TrainingLeaks,
                ["seed"] = r.Seed,
                ["history"] = JsonSerializer.SerializeToNode(r.History.Epochs, CaseStudyStore.Json),
                ["bestEpoch"] = r.History.BestEpoch,
                ["evaluatedWeights"] = r.History.WeightsNote,
            });
        }
        var summary = new JsonArray();
        foreach (var s in result.Summaries)
        {
            summary.Add(new JsonObject
            {
                ["variant"] = s.Variant.Name,
                ["role"] = s.Variant.Role,
                ["leaked"] = s.Leaks,
                ["seeds"] = s.Seeds,
                ["accuracy"] = Summary(s.Accuracy),
                ["macroPrecision"] = Summary(s.MacroPrecision),
                ["macroRecall"] = Summary(s.MacroRecall),
                ["macroF1"] = Summary(s.MacroF1),
                ["weightedF1"] = Summary(s.WeightedF1),
                ["trainSeconds"] = Summary(s.TrainSeconds),
                [TextSources.ColumnName] = s.Variant.TextSourceName,
            });
        }
        return new JsonObject
        {
            ["profile"] = result.Profile.Name,
            ["seeds"] = JsonSerializer.SerializeToNode(result.Seeds),
            ["note"] = "Rows with leaked = true read the test sample's true label (its text, or a text chosen to differ from it) at test time: they measure the leak, not a classifier.",
            ["trainingNote"] = "Trainings with leaked = true are paper models, validated with the true label's text: their validation history is leaked.",
            ["summary"] = summary,
            ["runs"] = runs,
            ["trainings"] = trainings,
        };
    }

    private static JsonObject PackageVersions()
    {
        static string Version(Assembly a) =>
            a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? a.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version
            ?? a.GetName().Version?.ToString() ?? "unknown";
        var json = new JsonObject { ["FusionKit"] = Version(typeof(CaseStudy).Assembly) };
        foreach (var type in new[] { typeof(TorchSharp.torch), typeof(Microsoft.ML.OnnxRuntime.InferenceSession), typeof(PlotlyChart), typeof(Microsoft.Data.Analysis.DataFrame) })
            json[type.Assembly.GetName().Name!] = Version(type.Assembly);
        json["plotly.js"] = PlotlyJs.Version;
        return json;
    }
}
