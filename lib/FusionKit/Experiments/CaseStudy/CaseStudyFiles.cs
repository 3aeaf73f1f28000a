using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Text;
using XPlot.Plotly;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// The files of a case study's section folder (<c>results/&lt;run-id&gt;/case-study/</c>) besides its per-model files:
/// <c>metrics.json</c> (per run and aggregated), <c>metrics.csv</c> (per run), <c>summary.csv</c> (aggregated), and the
/// chart pages the run report writes there (<see cref="ChartPages"/>). Every file is written atomically.
/// </summary>
public static class CaseStudyFiles
{
    /// <summary>Writes metrics.json, metrics.csv and summary.csv of a case study into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(CaseStudyResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(folder, name);
            AtomicFile.WriteAllText(path, text);
            files.Add(path);
        }

        Put("metrics.json", MetricsJson(result).ToJsonString(KitJson.Options));
        Put("metrics.csv", CaseStudyCsv.Runs(result));
        Put("summary.csv", CaseStudyCsv.Summary(result));
        return files;
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
        static JsonObject Summary(FusionKit.Evaluation.MetricSummary s) => new() { ["mean"] = Number(s.Mean), ["std"] = Number(s.StandardDeviation), ["n"] = s.Count };
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
                ["history"] = JsonSerializer.SerializeToNode(r.History.Epochs, KitJson.Options),
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
}
