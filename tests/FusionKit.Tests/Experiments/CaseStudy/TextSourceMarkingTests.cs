using System.Text.Json;
using System.Text.RegularExpressions;
using FusionKit.Data;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Runs;
using FusionKit.Tests.Experiments.FusionComparison;
using FusionKit.Tests.Experiments.Retrieval;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.CaseStudy;

/// <summary>
/// Issue 10, item 4: every output that carries text declares where the text came from. A synthetic run folder (the
/// fusion section as the main job writes it, with a fuse-style charts page, then the retrieval and zero-shot sections)
/// is walked file by file: every table, JSON row and chart page that carries text must name its source.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class TextSourceMarkingTests
{
    [Fact]
    public void RunFolder_EveryTableCarryingText_DeclaresItsSource()
    {
        var folder = TorchTestSupport.TempFolder();
        var data = FusionTestData.Embedded(trainPerClass: 10, validationPerClass: 2, testPerClass: 5, imageShift: 2);
        var cache = FusionTestData.TempFolder();
        var variant = FusionExperimentConfig.Quick with { HiddenSizes = [8], Epochs = 1, BatchSize = 16, Threads = 1 };
        var grid = FusionSweep.Grid(["image-only", "text-only", "gated"], [SideTextReliability.High], [variant]);
        var sweep = FusionSweep.Run(c => FusionTestData.Inputs(data, c.Reliability, cache, c.TextSeed), grid, seeds: [0]);
        SectionStore.GetOrRun(folder, RunSection.Fusion, "synthetic", [0], "synthetic grid", sectionFolder =>
        {
            sweep.Save(sectionFolder); // what RunPipeline.Fusion writes
            FusionReport.Save(sweep.Rows.SelectMany(r => r.Runs).ToArray(), FusionTestData.ClassNames, Path.Combine(sectionFolder, "charts.html"));
            return sweep.Table();
        });
        var job = new RunPipeline(new RunProfile("synthetic", 8, 3, 0.1, [0]), folder)
        {
            Data = RetrievalSyntheticData.Create(testPerClass: 12),
            EmbedTexts = RetrievalSyntheticData.Embed,
            RetrievalOptions = new RetrievalExperimentOptions { ClassifierEpochs = 3, ClassifierHiddenSizes = [8], JointEpochs = 1, JointDim = 4, JointBatchSize = 32, BootstrapResamples = 20 },
            ZeroShotOptions = new ZeroShotExperimentOptions
            {
                Splits = [ZeroShotExperiment.FixedSplit], LabelEncoders = ["minilm"], LabelTexts = [ZeroShotExperiment.Names],
                DeviseEpochs = 1, CompatibilityEpochs = 1, CompatibilityHiddenSizes = [8], DeviseBatchSize = 32, CompatibilityBatchSize = 32,
            },
        };
        job.Section(RunSection.Retrieval);
        job.Section(RunSection.ZeroShot);

        var problems = Walk(folder);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // the walk looked at what it should: each kind of output exists and carries the three sources where they apply
        foreach (var file in new[] { "fusion/sweep.csv", "fusion/sweep.json", "fusion/section.json", "fusion/charts.html", "retrieval/retrieval.csv",
                                     "retrieval/retrieval.json", "retrieval/section.json", "zero-shot/zero-shot.csv", "zero-shot/zero-shot.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        Assert.Contains(",simulated", File.ReadAllText(Path.Combine(folder, "fusion/sweep.csv")));
        var retrieval = File.ReadAllText(Path.Combine(folder, "retrieval/retrieval.csv"));
        Assert.Contains("joint space (simulated side text", retrieval);
        Assert.Contains(",simulated", retrieval);
        Assert.Contains(",label", retrieval);
        Assert.Contains(",label,", File.ReadAllText(Path.Combine(folder, "zero-shot/zero-shot.csv")));
    }

    [Fact]
    public void Walk_FindsUndeclaredText()
    {
        // the walker itself can fail: a table without the column, a JSON row without it, a section table without it, an unnamed chart page
        using var temp = new TempFolder();
        temp.Write("fusion/sweep.csv", "method,params,reliability,accuracy_mean\ngated,h,0.8/0.1/0.1,0.9\n");
        temp.Write("fusion/sweep.json", """[{"method":"gated","reliability":"0.8/0.1/0.1","text_source":"simulated"},{"method":"late","reliability":"0.8/0.1/0.1"}]""");
        temp.Write("fusion/section.json", """{"table":{"columns":[{"name":"method","type":"string","values":["gated"]},{"name":"reliability","type":"string","values":["x"]}]}}""");
        temp.Write("fusion/charts.html", "<html><head><title>FusionKit fusion run</title></head></html>");
        temp.Write("retrieval/retrieval-intervals.csv", "metric,estimate,lower,upper,value\nmAP,0.5,0.4,0.6,x\n"); // carries no text: not a problem

        var problems = Walk(temp.Path);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("fusion/sweep.csv", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("fusion/sweep.json", StringComparison.Ordinal) && p.Contains("late", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("fusion/section.json", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("fusion/charts.html", StringComparison.Ordinal));
    }

    // Columns (CSV headers, JSON keys, table column names) that name a row by its text: a table or row with one carries text.
    private static readonly string[] TextColumns = ["reliability", "task", "label text", "labelText", "variant"];

    private static readonly string[] Values = Enum.GetValues<TextSource>().Select(TextSources.Name).Append(TextSources.None).ToArray();

    /// <summary>Every output under <paramref name="folder"/> that carries text without declaring its source, as "file: what".</summary>
    private static List<string> Walk(string folder)
    {
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, path).Replace('\\', '/');
            switch (Path.GetExtension(path))
            {
                case ".csv":
                    var header = File.ReadLines(path).First().Split(',');
                    if (header.Intersect(TextColumns).Any() && !header.Contains(TextSources.ColumnName))
                        problems.Add($"{name}: a table with text ({string.Join(", ", header.Intersect(TextColumns))}) and no {TextSources.ColumnName} column");
                    break;
                case ".json":
                    WalkJson(JsonDocument.Parse(File.ReadAllText(path)).RootElement, name, problems);
                    break;
                case ".html":
                    var title = Regex.Match(File.ReadAllText(path), "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value;
                    if (!Enum.GetValues<TextSource>().Any(source => title.Contains(TextSources.Describe(source), StringComparison.Ordinal)))
                        problems.Add($"{name}: the page title '{title}' names no text source");
                    break;
            }
        }
        return problems;
    }

    private static void WalkJson(JsonElement element, string file, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) WalkJson(item, file, problems);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        // a stored table (TableJson): {"columns": [{"name": ...}]}
        if (element.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array)
        {
            var names = columns.EnumerateArray().Select(c => c.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>().ToArray();
            if (names.Intersect(TextColumns).Any() && !names.Contains(TextSources.ColumnName))
                problems.Add($"{file}: a stored table with text ({string.Join(", ", names.Intersect(TextColumns))}) and no {TextSources.ColumnName} column");
        }
        // a row: named by its text, it must say where the text came from, with one of the declared values
        var textKeys = element.EnumerateObject().Select(p => p.Name).Intersect(TextColumns).ToArray();
        if (textKeys.Length > 0)
        {
            if (!element.TryGetProperty(TextSources.ColumnName, out var source))
                problems.Add($"{file}: a row ({string.Join(", ", element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()).Take(2))}) with text and no {TextSources.ColumnName}");
            else if (!Values.Contains(source.GetString()))
                problems.Add($"{file}: {TextSources.ColumnName} '{source}' is none of {string.Join(", ", Values)}");
        }
        foreach (var property in element.EnumerateObject()) WalkJson(property.Value, file, problems);
    }
}
