using System.Globalization;
using System.Text;
using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Evaluation;
using FusionKit.Experiments.Interaction.QuestionGeneration;
using FusionKit.Results;
using Microsoft.Data.Analysis;
using XPlot.Plotly;

namespace FusionKit.Experiments.Interaction;

/// <summary>
/// The runs of an interaction experiment and what is read from them: the comparison table (accuracy overall and per
/// question type, seen and held-out phrasings, mean ± std over seeds), training times, the best fusion model (chosen on
/// validation accuracy), its gap over the single-modality baselines, the held-out phrasing drop per question encoder,
/// a chart per question type and where cross-attention looked. Every table and chart says the questions are generated.
/// </summary>
public sealed class InteractionResult(string profile, InteractionConfig config, IReadOnlyList<int> seeds, IReadOnlyList<InteractionRun> runs, double seconds)
{
    /// <summary>The columns that name a row of <see cref="Summary"/>.</summary>
    public static IReadOnlyList<string> SettingColumns { get; } = ["model", "question encoder", "phrasing"];

    /// <summary>Title prefix of every chart and table caption.</summary>
    public const string Title = "Interaction (generated questions)";

    public string Profile { get; } = profile;
    public InteractionConfig Config { get; } = config;
    public IReadOnlyList<int> Seeds { get; } = seeds;
    public IReadOnlyList<InteractionRun> Runs { get; } = runs;

    /// <summary>Wall-clock seconds of the whole experiment (training and evaluating every model of every seed).</summary>
    public double Seconds { get; } = seconds;

    /// <summary>The (model, encoder) pairs in run order.</summary>
    public IReadOnlyList<(string Model, string Encoder)> Models =>
        Runs.Select(r => (r.Model, r.Encoder)).Distinct().ToArray();

    /// <summary>
    /// The comparison table (<see cref="ResultTable"/>): settings model, question encoder, phrasing and "questions"
    /// ("generated" on every row); metrics "overall" and one per question type: test accuracy, mean, sample std over seeds
    /// (missing for one seed) and n.
    /// </summary>
    public ResultTable Summary()
    {
        var rows = new List<ResultRow>();
        foreach (var (model, encoder) in Models)
        {
            var runs = Of(model, encoder);
            foreach (var (phrasing, heldOut) in new[] { ("seen", false), ("held-out", true) })
            {
                string[] settings = [model, encoder, phrasing, "generated"];
                rows.Add(ResultRow.Of(settings, "overall", MetricSummary.Of(runs.Select(run => heldOut ? run.HeldOutOverall : run.SeenOverall))));
                foreach (var type in QuestionTypes.All)
                    rows.Add(ResultRow.Of(settings, QuestionTypes.Name(type), MetricSummary.Of(runs.Select(run => (heldOut ? run.HeldOut : run.Seen)[type]))));
            }
        }
        return new ResultTable([.. SettingColumns, "questions"], rows);
    }

    /// <summary><see cref="Summary"/> as "mean ± std" text (<see cref="TableText.Headline(ResultTable, IReadOnlyList{string}, int)"/>).</summary>
    public DataFrame Headline(int digits = 3) => TableText.Headline(Summary(), SettingColumns, digits);

    /// <summary>Per model and question encoder: validation accuracy (the model-choice figure), training seconds and epochs, mean ± std over seeds.</summary>
    public ResultTable Timing()
    {
        var rows = new List<ResultRow>();
        foreach (var (model, encoder) in Models)
        {
            var runs = Of(model, encoder);
            rows.Add(ResultRow.Of([model, encoder], "validation accuracy", MetricSummary.Of(runs.Select(r => r.ValidationAccuracy))));
            rows.Add(ResultRow.Of([model, encoder], "train seconds", MetricSummary.Of(runs.Select(r => r.TrainSeconds))));
            rows.Add(ResultRow.Of([model, encoder], "epochs", MetricSummary.Of(runs.Select(r => (double)r.Epochs))));
        }
        return new ResultTable(["model", "question encoder"], rows);
    }

    /// <summary>The fusion model (method, encoder) with the best mean validation accuracy: chosen without looking at the test set.</summary>
    public (string Model, string Encoder) BestFusion() => BestOnValidation(m => Config.Methods.Contains(m.Model, StringComparer.OrdinalIgnoreCase));

    /// <summary>The question-only baseline's encoder with the best mean validation accuracy.</summary>
    public (string Model, string Encoder) BestQuestionOnly() => BestOnValidation(m => m.Model == InteractionExperiment.QuestionOnly);

    /// <summary>
    /// Per question type (and overall), on held-out images with seen phrasings: the best fusion model's mean test
    /// accuracy and its gaps over image-only and over the question-only baseline (both chosen on validation). A
    /// positive gap on every row meets the target "fusion beats both single-modality baselines on every type".
    /// </summary>
    public DataFrame Gaps()
    {
        var best = BestFusion();
        var question = BestQuestionOnly();
        var image = (InteractionExperiment.ImageOnly, InteractionExperiment.NoEncoder);
        var types = new[] { "overall" }.Concat(QuestionTypes.All.Select(QuestionTypes.Name)).ToArray();
        double Mean((string, string) m, string type) => Of(m.Item1, m.Item2).Average(r => type == "overall" ? r.SeenOverall : r.Seen[QuestionTypes.Parse(type)!.Value]);
        return new DataFrame(
            new StringDataFrameColumn("question type", types),
            new StringDataFrameColumn("best fusion (validation)", types.Select(_ => $"{best.Model} · {best.Encoder}")),
            new DoubleDataFrameColumn("fusion", types.Select(t => Mean(best, t))),
            new DoubleDataFrameColumn("image-only", types.Select(t => Mean(image, t))),
            new DoubleDataFrameColumn($"question-only · {question.Encoder}", types.Select(t => Mean(question, t))),
            new DoubleDataFrameColumn("gap over image-only", types.Select(t => Mean(best, t) - Mean(image, t))),
            new DoubleDataFrameColumn("gap over question-only", types.Select(t => Mean(best, t) - Mean(question, t))),
            new StringDataFrameColumn("questions", types.Select(_ => "generated")));
    }

    /// <summary>Per model that reads the question: mean overall test accuracy with seen and with held-out phrasings, and the drop.</summary>
    public DataFrame PhrasingDrop()
    {
        var models = Models.Where(m => m.Encoder != InteractionExperiment.NoEncoder).ToArray();
        double Seen((string, string) m) => Of(m.Item1, m.Item2).Average(r => r.SeenOverall);
        double HeldOut((string, string) m) => Of(m.Item1, m.Item2).Average(r => r.HeldOutOverall);
        return new DataFrame(
            new StringDataFrameColumn("model", models.Select(m => m.Model)),
            new StringDataFrameColumn("question encoder", models.Select(m => m.Encoder)),
            new DoubleDataFrameColumn("seen phrasings", models.Select(m => Seen(m))),
            new DoubleDataFrameColumn("held-out phrasings", models.Select(m => HeldOut(m))),
            new DoubleDataFrameColumn("drop", models.Select(m => Seen(m) - HeldOut(m))),
            new StringDataFrameColumn("questions", models.Select(_ => "generated")));
    }

    /// <summary>One bar chart per question type (and overall): a bar per model, seen and held-out phrasings side by side, std error bars.</summary>
    public IReadOnlyList<PlotlyChart> Charts() => Charts(Summary(), Profile, Seeds.Count);

    /// <summary>The charts of <see cref="Charts()"/> from a saved <see cref="Summary"/> table (how the main job's report draws a loaded section).</summary>
    public static IReadOnlyList<PlotlyChart> Charts(ResultTable summary, string profile, int seeds) =>
        MeanStdCharts.BarsPerMetric(summary, ["model", "question encoder"], ["phrasing"], $"{Title}, {profile} profile, {seeds} seed(s), test accuracy");

    /// <summary>The run whose attention examples are drawn: the first cross-attention run with examples, MiniLM questions preferred; null when none ran.</summary>
    public InteractionRun? AttentionRun() =>
        Runs.Where(r => r.Attention is { Count: > 0 }).OrderBy(r => r.Encoder == "minilm" ? 0 : 1).FirstOrDefault();

    /// <summary>The tables and findings as plain text (what the CLI prints and the run folder keeps).</summary>
    public string Text()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{Title}: {Profile} profile, seeds {string.Join(", ", Seeds)}; {QuestionGenerator.GeneratedNote}.");
        text.AppendLine("Test accuracy on images never seen in training, seen and held-out phrasings (mean ± std over seeds):");
        text.Append(TableText.Text(Headline()));
        text.AppendLine().AppendLine("Best fusion model (chosen on validation) against the single-modality baselines, seen phrasings:");
        text.Append(TableText.Text(Round(Gaps())));
        text.AppendLine().AppendLine("Held-out phrasing drop (overall test accuracy):");
        text.Append(TableText.Text(Round(PhrasingDrop())));
        text.AppendLine().AppendLine("Training (validation accuracy decides the best epoch and the best fusion model):");
        text.Append(TableText.Text(TableText.Headline(Timing(), ["model", "question encoder"], 2)));
        text.AppendLine(c, $"All models of the experiment: {Seconds:0.0} s wall clock (training and evaluation, every seed).");
        return text.ToString();
    }

    /// <summary>Writes summary.json, gaps.json, phrasing.json, timing.json, summary.txt and the charts page into <paramref name="directory"/> (atomically).</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        foreach (var (name, json) in new[] { ("summary", Summary().ToJson()), ("gaps", TableJson.ToJson(Gaps())), ("phrasing", TableJson.ToJson(PhrasingDrop())), ("timing", Timing().ToJson()) })
            AtomicFile.WriteAllText(Path.Combine(directory, name + ".json"), json.ToJsonString(KitJson.Options));
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.txt"), Text());
        ChartExport.SaveHtml(Charts(), Path.Combine(directory, "charts.html"), Title);
    }

    private InteractionRun[] Of(string model, string encoder) => Runs.Where(r => r.Model == model && r.Encoder == encoder).ToArray();

    private (string Model, string Encoder) BestOnValidation(Func<(string Model, string Encoder), bool> include)
    {
        var candidates = Models.Where(include).ToArray();
        if (candidates.Length == 0) throw new InvalidOperationException("No model of that kind was run.");
        return candidates.OrderByDescending(m => Of(m.Model, m.Encoder).Average(r => r.ValidationAccuracy)).First();
    }

    /// <summary>Doubles rounded to 3 decimals for printing.</summary>
    private static DataFrame Round(DataFrame frame)
    {
        var copy = new DataFrame();
        foreach (var column in frame.Columns)
            copy.Columns.Add(column is DoubleDataFrameColumn d
                ? new StringDataFrameColumn(column.Name, Enumerable.Range(0, (int)d.Length).Select(i => d[i] is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : ""))
                : column.Clone());
        return copy;
    }
}
