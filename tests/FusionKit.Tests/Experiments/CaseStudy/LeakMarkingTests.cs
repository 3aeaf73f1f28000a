using System.Text.Json;
using System.Text.RegularExpressions;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Tests.Embeddings;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.CaseStudy;

/// <summary>
/// Issue 10, item 2: every figure derived from a leaked input is marked leaked wherever it appears. A case-study
/// run folder (synthetic data, two encoders, two seeds, with its log) is walked file by file.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class LeakMarkingTests
{
    public LeakMarkingTests() => TorchRuntime.EnsureReady();

    private static readonly string[] Encoders = ["wordvec", "minilm"];

    [Fact]
    public void RunFolder_EveryLeakedFigureIsMarked()
    {
        var data = SyntheticEmbeddedData.Create(trainPerClass: 20, testPerClass: 10);
        var folder = RunFolder.Create("case-study", "synthetic", TorchTestSupport.TempFolder(), new DateTime(2026, 11, 30, 14, 0, 0, DateTimeKind.Utc)).Path;
        var log = new StringWriter();
        var pipeline = new RunPipeline(data.Profile, folder) { Data = data, Seeds = [0, 1], CaseStudyConfig = SyntheticEmbeddedData.Config(epochs: 2), Log = log };
        pipeline.Section(RunSection.CaseStudy);
        pipeline.WriteReport(renderPng: false);
        File.WriteAllText(Path.Combine(folder, "case-study.log"), log.ToString());

        var problems = Walk(folder);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // the walk looked at what it should: leaked histories exist and are marked, epoch lines exist
        var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case-study", "metrics.json"))).RootElement;
        Assert.Contains(metrics.GetProperty("trainings").EnumerateArray(), t => t.GetProperty("leaked").GetBoolean());
        Assert.Contains(metrics.GetProperty("trainings").EnumerateArray(), t => !t.GetProperty("leaked").GetBoolean());
        Assert.Contains("    [leaked] epoch", log.ToString());
        Assert.Contains("Training curves: paper (minilm) [leaked], seed 0", File.ReadAllText(Path.Combine(folder, "case-study", "training-curves.html")));
    }

    [Fact]
    public void Walk_FindsAnUnmarkedLeakedFigure()
    {
        // the walker itself can fail: a history under a random-label row, an unmarked title and an unmarked epoch line
        using var temp = new TempFolder();
        temp.Write("metrics.json", """{"runs":[{"variant":"paper (minilm), random label text","leaked":false,"history":[{"epoch":1}]}]}""");
        temp.Write("charts.html", """<script>{"title":"Training curves: paper (minilm), seed 0"}</script>""");
        temp.Write("case-study.log", "[3/5] paper (minilm) [leaked] seed 0: training\n    epoch 1/2 val acc 0.99\n");

        var problems = Walk(temp.Path);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("metrics.json") && p.Contains("history"));
        Assert.Contains(problems, p => p.Contains("charts.html"));
        Assert.Contains(problems, p => p.Contains("case-study.log: line 2"));
    }

    /// <summary>Every unmarked leaked figure under <paramref name="folder"/>, as "file: what".</summary>
    private static List<string> Walk(string folder)
    {
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, path);
            switch (Path.GetExtension(path))
            {
                case ".json":
                    WalkJson(JsonDocument.Parse(File.ReadAllText(path)).RootElement, name, problems);
                    break;
                case ".csv" or ".html" or ".log" or ".txt" or ".md":
                    WalkText(File.ReadAllLines(path), name, problems);
                    break;
            }
        }
        return problems;
    }

    // A paper model's name, maybe followed by the test text of an audit row.
    private static readonly Regex PaperName = new(@"paper \((" + string.Join('|', Encoders) + @")\)(, (wrong label text|random label text|no text))?");

    private static bool IsPaper(string? text) => text is not null && (PaperName.IsMatch(text) || text == "Paper");

    private static void WalkJson(JsonElement element, string file, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) WalkJson(item, file, problems);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        bool? leaked = element.TryGetProperty("leaked", out var l) && l.ValueKind is JsonValueKind.True or JsonValueKind.False ? l.GetBoolean() : null;
        string? Text(string key) => element.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        // a training history (metrics.json "history", a runs/*.json file's "epochs") is leaked for a paper model
        foreach (var historyKey in new[] { "history", "epochs" })
        {
            if (!element.TryGetProperty(historyKey, out var history) || history.ValueKind != JsonValueKind.Array) continue;
            var owner = Text("training") ?? Text("model") ?? Text("variant");
            var paperHistory = IsPaper(owner);
            if (leaked != paperHistory)
                problems.Add($"{file}: a {historyKey} of '{owner}' with leaked = {leaked?.ToString() ?? "absent"} (expected {paperHistory})");
        }
        // an evaluation row is leaked when it read the true label's text or a text chosen to differ from it
        if (Text("variant") is { } variant && PaperName.Match(variant) is { Success: true } m)
        {
            var rowLeaks = m.Groups[3].Value is "" or "wrong label text";
            if (leaked != rowLeaks) problems.Add($"{file}: row '{variant}' with leaked = {leaked?.ToString() ?? "absent"}");
        }
        foreach (var property in element.EnumerateObject()) WalkJson(property.Value, file, problems);
    }

    private static void WalkText(string[] lines, string file, List<string> problems)
    {
        var inPaperTraining = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            foreach (Match m in PaperName.Matches(line))
            {
                if (m.Groups[3].Value is "random label text" or "no text") continue; // a test figure that reads no true label
                var after = line.AsSpan(m.Index + m.Length);
                if (!after.StartsWith(" [leaked", StringComparison.Ordinal))
                    problems.Add($"{file}: line {i + 1}: '{m.Value}' not followed by [leaked]: ...{line.Substring(m.Index, Math.Min(80, line.Length - m.Index))}");
            }
            // a log's epoch lines belong to the model line above them
            if (Regex.IsMatch(line, @"^\[\d+/\d+\] ")) inPaperTraining = PaperName.IsMatch(line);
            else if (line.StartsWith("    ", StringComparison.Ordinal) && line.Contains("epoch", StringComparison.Ordinal) && inPaperTraining
                     && !line.Contains("[leaked]", StringComparison.Ordinal))
                problems.Add($"{file}: line {i + 1}: an epoch of a paper model's training without [leaked]: {line.Trim()}");
        }
    }
}
