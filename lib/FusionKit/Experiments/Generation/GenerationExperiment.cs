using System.Diagnostics;
using System.Globalization;
using System.Text;
using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Evaluation;
using FusionKit.Interactive;
using FusionKit.Results;
using FusionKit.Training.Gan;
using Microsoft.Data.Analysis;
using XPlot.Plotly;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// The measured text-to-image experiment: per seed, trains the text-conditioned GAN and, with the same networks,
/// the one-hot class-conditional and the unconditional baselines (<see cref="TextToImageTraining"/>), draws
/// <see cref="GenerationJudge.SampleSize"/> images from each (the text model twice: under training phrasings and
/// under held-out ones) and scores them with a <see cref="GenerationJudge"/> beside its reference sets (real
/// held-out images: the floor; class-shuffled real images and uniform noise: ceilings). Tables are mean ± std over
/// seeds; captions are generated from labels, and every table, chart and file says so.
/// </summary>
public static class GenerationExperiment
{
    /// <summary>Model name of the text-conditioned GAN rows.</summary>
    public static string TextModelName(string encoder) => $"text ({encoder})";

    /// <summary>Model name of the one-hot baseline rows.</summary>
    public const string OneHotName = "one-hot labels";

    /// <summary>Model name of the unconditional baseline rows.</summary>
    public const string UnconditionalName = "unconditional";

    /// <summary>Prompt kinds.</summary>
    public const string TrainingPhrasings = "training phrasings", HeldOutPhrasings = "held-out phrasings", ClassLabels = "class labels",
        NoPrompt = "none (intended labels arbitrary)", Reference = "reference";

    /// <summary>The folder of an experiment's GAN trainings (<see cref="GenerationTrainings"/>): <c>folder/models</c>.</summary>
    public static string ModelsFolder(string folder) => Path.Combine(folder, "models");

    /// <summary>
    /// Runs the experiment into <paramref name="folder"/> (models under <c>models/</c>, finished ones reused; grids,
    /// <c>scores-per-seed.csv</c>, <c>summary.csv</c>, <c>per-class.csv</c>, <c>charts.html</c>), training one model after another here.
    /// </summary>
    public static GenerationResult Run(RunProfile profile, string folder, GenerationExperimentOptions? options = null, TextWriter? log = null, CancellationToken cancel = default) =>
        Run(profile, folder, options, jobs: 1, worker: null, log, cancel);

    /// <summary>
    /// Runs the experiment into <paramref name="folder"/>: first every GAN (each conditioning for each seed) is trained as a
    /// run of <see cref="GenerationTrainings"/>, side by side in <paramref name="jobs"/> worker processes when a
    /// <paramref name="worker"/> is given (the weights are those of a sequential run: each training seeds itself), then each
    /// seed's judge scores the models one after another here.
    /// </summary>
    /// <param name="jobs">Trainings at once (at least 1).</param>
    /// <param name="worker">Starts a training worker for a folder and a job name (<c>fusionkit gan evaluate --worker FOLDER --job NAME</c>); null = every training here.</param>
    public static GenerationResult Run(RunProfile profile, string folder, GenerationExperimentOptions? options, int jobs, Func<string, string, ProcessStartInfo>? worker,
                                       TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new GenerationExperimentOptions();
        log ??= TextWriter.Null;
        var baseOptions = options.Generation ?? GenerationOptions.ForProfile(profile);
        var seeds = options.Seeds is { Count: > 0 } chosen ? chosen : profile.Seeds;
        var judgePerClass = options.JudgePerClass ?? (profile.Name == RunProfile.Smoke.Name ? 20 : 100);
        var captions = CaptionBank.LoadDefault();
        var textName = TextModelName(baseOptions.TextEncoder);
        var conditionings = !options.Baselines ? new[] { GenerationConditioning.Text }
            : options.Unconditional ? new[] { GenerationConditioning.Text, GenerationConditioning.OneHot, GenerationConditioning.Unconditional }
            : new[] { GenerationConditioning.Text, GenerationConditioning.OneHot };
        var scores = new List<GenerationModelScores>();
        var histories = new Dictionary<string, IReadOnlyList<GanEpochRecord>>(StringComparer.Ordinal);
        var trainingSeconds = new Dictionary<string, double>(StringComparer.Ordinal);
        double evaluationSeconds = 0;
        log.WriteLine($"generation: {CaptionBank.Declaration}");
        var records = GenerationTrainings.Train(ModelsFolder(folder), profile, baseOptions, conditionings, seeds, jobs, worker, log, cancel);

        foreach (var seed in seeds)
        {
            var clock = Stopwatch.StartNew();
            using var judge = GenerationJudge.Create(profile, seed, new GenerationJudgeOptions { PerClass = judgePerClass, Device = baseOptions.Device }, log, cancel);
            foreach (var reference in judge.Reference.All)
                scores.Add(new GenerationModelScores(reference.Source, Reference, seed, reference));
            evaluationSeconds += clock.Elapsed.TotalSeconds;
            foreach (var conditioning in conditionings)
            {
                var modelName = conditioning switch { GenerationConditioning.Text => textName, GenerationConditioning.OneHot => OneHotName, _ => UnconditionalName };
                var runOptions = baseOptions with { Conditioning = conditioning, Seed = seed };
                var key = GenerationTrainings.Key(conditioning, seed);
                var run = TextToImageTraining.Train(runOptions, Path.Combine(ModelsFolder(folder), key), log, captions, cancel); // trained above: loads it
                using var model = run.Model;
                histories[$"{modelName}, seed {seed}"] = run.History;
                trainingSeconds[modelName] = trainingSeconds.GetValueOrDefault(modelName) + records[key].TrainingSeconds;

                clock.Restart();
                var labels = judge.IntendedLabels;
                var latents = TextToImageModel.Latents(labels.Count, model.LatentDim, 1_000 + seed);
                foreach (var (prompts, conditions) in Conditions(model, captions, labels))
                {
                    var images = model.Generate(latents, conditions);
                    var score = judge.Score(images, labels, $"{modelName}, {prompts}", cancel);
                    log.WriteLine($"seed {seed}: {score}");
                    scores.Add(new GenerationModelScores(modelName, prompts, seed, score));
                    if (seed == seeds[0]) SamplesGrid(images, labels, captions, $"{modelName}, {prompts}").SavePng(Path.Combine(folder, "grids", $"samples-{Slug(modelName)}-{Slug(prompts)}.png"));
                }
                if (conditioning == GenerationConditioning.Text && model.Encoder is not null && seed == seeds[0])
                    RestyleGrid(model, captions).SavePng(Path.Combine(folder, "grids", "restyle.png"));
                evaluationSeconds += clock.Elapsed.TotalSeconds;
            }
        }

        var summary = Summary(scores);
        var perClass = PerClassTable(scores, captions);
        var title = $"Text-to-image generation, {profile.Name} profile, {seeds.Count} seed(s); {CaptionBank.Declaration}";
        var charts = MeanStdCharts.BarsPerMetric(summary, ["model", "prompts"], [], title)
            .Append(Curves(histories, title)).ToArray();
        WriteFrame(Path.Combine(folder, "scores-per-seed.csv"), PerSeedTable(scores));
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.txt"), $"# {title}\n{TableText.Text(TableText.Headline(summary, GenerationSection.SettingColumns))}\n");
        ChartExport.SaveHtml(charts, Path.Combine(folder, "charts.html"), title);
        WriteFrame(Path.Combine(folder, "summary.csv"), summary.ToDataFrame());
        WriteFrame(Path.Combine(folder, "per-class.csv"), perClass.ToDataFrame());
        return new GenerationResult(summary, perClass, scores, histories, charts, trainingSeconds, evaluationSeconds, folder);
    }

    /// <summary>The prompt kinds a model is scored under and the condition row of each image (intended label -> prompt).</summary>
    public static IEnumerable<(string Prompts, float[][]? Conditions)> Conditions(TextToImageModel model, CaptionBank captions, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(labels);
        switch (model.Conditioning)
        {
            case GenerationConditioning.Text:
                // image i of class c gets that class's paraphrase number (i / C) mod P, so every paraphrase is used equally
                foreach (var (kind, pick) in new (string, Func<ClassCaptions, IReadOnlyList<string>>)[] { (TrainingPhrasings, c => c.Train), (HeldOutPhrasings, c => c.HeldOut) })
                {
                    var prompts = labels.Select((l, i) => pick(captions.Classes[l])[i / captions.Classes.Count % pick(captions.Classes[l]).Count]).ToArray();
                    var distinct = prompts.Distinct(StringComparer.Ordinal).ToArray();
                    var embedded = distinct.Zip(model.EmbedPrompts(distinct)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
                    yield return (kind, prompts.Select(p => embedded[p]).ToArray());
                }
                break;
            case GenerationConditioning.OneHot:
                yield return (ClassLabels, model.OneHot(labels));
                break;
            default:
                yield return (NoPrompt, null);
                break;
        }
    }

    /// <summary>
    /// Mean ± std over seeds of every measure (<see cref="ResultTable"/>): settings model, prompts, captions (whether
    /// they are generated from the class label) and images (per side of each comparison); references last.
    /// </summary>
    public static ResultTable Summary(IReadOnlyList<GenerationModelScores> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var groups = scores.GroupBy(s => (s.Model, s.Prompts)).OrderBy(g => g.Key.Prompts == Reference ? 1 : 0).ToArray();
        var measures = new (string Name, Func<GenerationScores, double> Get)[]
        {
            ("conditional_accuracy", s => s.ConditionalAccuracy), ("frechet_distance_resnet18", s => s.FrechetDistance),
            ("precision", s => s.PrecisionRecall.Precision), ("recall", s => s.PrecisionRecall.Recall),
            ("classification_accuracy_score", s => s.ClassificationAccuracyScore),
        };
        return new ResultTable(GenerationSection.SettingColumns, groups.SelectMany(g =>
        {
            string[] settings = [g.Key.Model, g.Key.Prompts, g.Key.Model.StartsWith("text", StringComparison.Ordinal) ? "generated from class label" : "none",
                                 g.First().Scores.SampleSize.ToString(CultureInfo.InvariantCulture)];
            return measures.Select(m => ResultRow.Of(settings, m.Name, MetricSummary.Of(g.Select(s => m.Get(s.Scores)))));
        }));
    }

    /// <summary>Conditional accuracy per intended class, mean ± std over seeds, for the generated rows: settings model, prompts, class.</summary>
    public static ResultTable PerClassTable(IReadOnlyList<GenerationModelScores> scores, CaptionBank captions)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(captions);
        return new ResultTable(["model", "prompts", "class"], scores.Where(s => s.Prompts != Reference).GroupBy(s => (s.Model, s.Prompts))
            .SelectMany(g => captions.Classes.Select(c => ResultRow.Of([g.Key.Model, g.Key.Prompts, c.Name], "conditional_accuracy",
                MetricSummary.Of(g.Select(s => s.Scores.ConditionalAccuracyPerClass[c.Label]))))));
    }

    /// <summary>GAN losses per epoch, one line per model, seed and network.</summary>
    public static PlotlyChart Curves(IReadOnlyDictionary<string, IReadOnlyList<GanEpochRecord>> histories, string title)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var series = histories.SelectMany(h => new[]
        {
            new LineSeries($"{h.Key}: L_D", h.Value.Select(r => (double)r.Epoch).ToArray(), h.Value.Select(r => r.DiscriminatorLoss).ToArray()),
            new LineSeries($"{h.Key}: L_G", h.Value.Select(r => (double)r.Epoch).ToArray(), h.Value.Select(r => r.GeneratorLoss).ToArray()),
        });
        return GenericCharts.Lines($"GAN training curves — {title}", "epoch", "loss", series);
    }

    /// <summary>The style-keeping grid: each row a real test image (first tile) and its re-generations E(x) + prompt -> G under other classes' held-out prompts.</summary>
    public static ImageGrid RestyleGrid(TextToImageModel model, CaptionBank captions, int sources = 6, IReadOnlyList<string>? prompts = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(captions);
        var test = FashionMnist.Load(FashionMnistSplit.Test);
        var picks = Enumerable.Range(0, sources).Select(c => test.Samples.First(s => s.Label == c * 10 / sources % 10)).ToArray();
        prompts ??= captions.Classes.Where((_, i) => i % 2 == 1).Select(c => c.HeldOut[0]).ToArray();
        var conditions = model.EmbedPrompts(prompts);
        var restyled = conditions.Select(c => model.Restyle(picks.Select(p => p.Image).ToArray(), c)).ToArray(); // [prompt][source]
        var tiles = new List<ImageTile>();
        for (var s = 0; s < picks.Length; s++)
        {
            tiles.Add(new ImageTile(picks[s].Image, $"source: {test.ClassNames[picks[s].Label]}"));
            for (var p = 0; p < prompts.Count; p++) tiles.Add(new ImageTile(restyled[p][s], prompts[p]));
        }
        return new ImageGrid(tiles, prompts.Count + 1, 64, $"style kept (E(x)), text changed: first column the real source, then G(E(x), prompt); {CaptionBank.Declaration}");
    }

    private static ImageGrid SamplesGrid(IReadOnlyList<RawImage> images, IReadOnlyList<int> labels, CaptionBank captions, string title)
    {
        var tiles = Enumerable.Range(0, captions.Classes.Count)
            .SelectMany(c => Enumerable.Range(0, labels.Count).Where(i => labels[i] == c).Take(8).Select(i => new ImageTile(images[i], captions.Classes[c].Name)))
            .ToArray();
        return new ImageGrid(tiles, 8, 56, $"{title}: rows = intended class; {CaptionBank.Declaration}");
    }

    private static string Slug(string text) => new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    /// <summary>One row per model, prompt kind and seed: the measures of that seed.</summary>
    public static DataFrame PerSeedTable(IReadOnlyList<GenerationModelScores> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new DataFrame(
            new StringDataFrameColumn("model", scores.Select(s => s.Model)),
            new StringDataFrameColumn("prompts", scores.Select(s => s.Prompts)),
            new Int32DataFrameColumn("seed", scores.Select(s => s.Seed)),
            new Int32DataFrameColumn("images", scores.Select(s => s.Scores.SampleSize)),
            new DoubleDataFrameColumn("conditional_accuracy", scores.Select(s => s.Scores.ConditionalAccuracy)),
            new DoubleDataFrameColumn("frechet_distance_resnet18", scores.Select(s => s.Scores.FrechetDistance)),
            new DoubleDataFrameColumn("precision", scores.Select(s => s.Scores.PrecisionRecall.Precision)),
            new DoubleDataFrameColumn("recall", scores.Select(s => s.Scores.PrecisionRecall.Recall)),
            new DoubleDataFrameColumn("classification_accuracy_score", scores.Select(s => s.Scores.ClassificationAccuracyScore)));
    }

    private static void WriteFrame(string path, DataFrame frame) =>
        AtomicFile.WriteAllText(path, $"# {CaptionBank.Declaration}\n" + TableCsv.ToCsv(frame));
}
