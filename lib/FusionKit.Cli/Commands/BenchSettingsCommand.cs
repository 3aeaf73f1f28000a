using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Embeddings;
using FusionKit.Evaluation.Tuning;
using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Runs;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit bench settings`: the zero-shot, retrieval and interaction models' batch sizes and epochs measured for speed
/// at equal accuracy on validation data (<see cref="SpeedSelection"/>, <see cref="ZeroShotSpeedSettings"/>,
/// <see cref="RetrievalSpeedSettings"/>, <see cref="InteractionSpeedSettings"/>): how the defaults were chosen, rerunnable
/// on any machine.
/// </summary>
public sealed class BenchSettingsCommand : CliCommand
{
    /// <summary>The file of measured trials in the run folder (what --resume reads).</summary>
    public const string TrialsFile = "trials.json";

    /// <summary>The table of every model's settings in the run folder.</summary>
    public const string TableFile = "speed-settings.csv";

    /// <summary>The models whose settings the command measures, in the order it measures them.</summary>
    public static IReadOnlyList<string> Models { get; } =
        [ZeroShotExperiment.Devise, ZeroShotExperiment.Compatibility, RetrievalExperiment.Classifier, RetrievalExperiment.Joint, .. InteractionSpeedSettings.BenchNames];

    private readonly Option<string?> _models = new Option<string?>("--models")
    {
        Description = $"comma-separated models to measure: {string.Join(", ", Models)} (default: all of them)",
        HelpName = "LIST",
    }.ListOf(Models);
    private readonly Option<int[]?> _batchSizes = CommonOptions.IntList("--batch-sizes", "batch sizes to try (default: each model's grid; the setting in use is always tried)", 1, "64,256");
    private readonly Option<int[]?> _epochs = CommonOptions.IntList("--epochs", "epoch counts to try (default: each model's grid)", 1, "3,5,10");
    private readonly Option<double> _tolerance = new Option<double>("--tolerance")
    {
        Description = "how far below the setting in use a setting's validation score may average (paired by seed) and count as equal",
        DefaultValueFactory = _ => SpeedSelection.DefaultTolerance,
    }.InRange(0, 1);
    private readonly Option<string?> _reference = new("--reference")
    {
        Description = "the setting the others are compared with, as BATCHxEPOCHS, e.g. 64x10 (one model only; default: the setting in use)",
        HelpName = "BATCHxEPOCHS",
    };
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();
    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "a bench-settings run folder to continue: its measured trials are kept, the rest are run (default: none, a new run folder)",
        HelpName = "RUN-DIR",
    };

    public BenchSettingsCommand() : base("bench settings", "Measure batch sizes and epochs of the zero-shot, retrieval and interaction models for speed at equal validation accuracy.")
    {
        foreach (var option in new Option[] { _models, _batchSizes, _epochs, _reference, _tolerance, _profile, _seeds, _threads, _device, _out, _resume }) Add(option);
    }

    public override string Details => $"""
        For each model (DeViSE and the compatibility model of the zero-shot section, the classifier and the joint
        space of the retrieval section, the answer models of the interaction section) trains every batch size x
        epochs setting once per seed, scores it on the validation split only (zero-shot: AUSUC of the calibration
        protocol, some seen classes held out; classifier: accuracy; joint space: mean of R@1/5/10 both ways on
        validation pairs, the side text at class level; interaction: validation accuracy on the generated questions
        at the best epoch, averaged over both question encoders, the epochs a cap that early stopping may cut) and
        times it. A setting is equal when its score less the reference's score (the setting in use, or --reference),
        seed by seed, averages no lower than -tolerance; the fastest equal setting is chosen. Texts are embedded before the clock starts. Prints a table per model and writes
        {TableFile} and {TrialsFile} into a new run folder under --out (Ctrl+C keeps the finished trials; --resume
        continues). Test images are never read. Seconds are wall time on this machine: compare them as ratios (the
        speed_up column).
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var seeds = CommonOptions.ResolveSeeds(parse, _seeds, profile);
        var threads = parse.GetValue(_threads);
        var tolerance = parse.GetValue(_tolerance);
        var models = parse.GetValue(_models) is { } list ? OptionRules.List(list) : Models;
        var givenReference = parse.GetValue(_reference) is { } referenceText ? ParseSetting(referenceText) : null;
        if (givenReference is not null && models.Count != 1)
            throw new CliUsageException($"--reference: give one model with --models (the reference is one model's setting); got {models.Count}.");
        var run = parse.GetValue(_resume) is { } resume
            ? CommonOptions.OpenRun(resume, "bench-settings")
            : RunFolder.Create("bench-settings", profile.Name, CommonOptions.ResultsRoot(parse, _out));
        if (run.Profile != profile.Name) throw new CliUsageException($"--resume: {run.Id} measured the {run.Profile} profile, not {profile.Name}; give --profile {run.Profile}.");
        var trialsPath = Path.Combine(run.Path, TrialsFile);
        var saved = LoadTrials(trialsPath);

        // Each section's data is loaded only when one of its models is measured.
        var embedded = new Lazy<(EmbeddedData Data, TextEmbedder Embed)>(() => ExperimentCli.Load(profile, threads, output, context.Cancel));
        var interactionConfig = InteractionConfig.Default with
        {
            Threads = threads, Device = device,
            Methods = InteractionConfig.Default.Methods.Where(m => models.Contains(InteractionSpeedSettings.Prefix + m)).ToArray(),
        };
        var interaction = new Lazy<InteractionData>(() => InteractionData.Load(profile, interactionConfig, output, context.Cancel));
        var zeroShot = new ZeroShotExperimentOptions { Threads = threads, Device = device };
        var retrieval = new RetrievalExperimentOptions { Threads = threads, Device = device };
        var results = new List<SpeedSelectionResult>();
        foreach (var model in models)
        {
            var searched = Describe(model, embedded, interaction, interactionConfig, zeroShot, retrieval);
            var reference = givenReference ?? searched.InUse;
            var candidates = SpeedSetting.Grid(Given(parse, _batchSizes) ?? searched.Grid.Select(s => s.BatchSize).Distinct().ToArray(),
                                               Given(parse, _epochs) ?? searched.Grid.Select(s => s.Epochs).Distinct().ToArray());
            searched.Prepare();
            output.WriteLine($"{model}: {candidates.Union([reference]).Count()} settings x {seeds.Count} seeds, scored by {searched.ScoreName}, compared with {reference}");
            var done = saved.Where(t => t.Model == model).Select(t => t.ToTrial()).ToArray();
            var result = SpeedSelection.Run(model, searched.ScoreName, reference, candidates, seeds, searched.Score, tolerance, done,
                finished: trials => SaveTrials(trialsPath, saved, model, trials), log: output, cancel: context.Cancel);
            results.Add(result);
            output.WriteLine();
            output.WriteLine(Format(result));
            output.WriteLine();
        }
        var table = results.Select(r => r.ToDataFrame()).Aggregate((a, b) => a.Append(b.Rows, inPlace: false));
        var tablePath = Path.Combine(run.Path, TableFile);
        AtomicFile.WriteAllText(tablePath, TableCsv.ToCsv(table));
        output.WriteLine($"wrote {tablePath}");
        return 0;
    }

    /// <summary>What the command needs of one model: the setting in use, its grid, its score and what to embed first.</summary>
    private sealed record SearchedModel(SpeedSetting InUse, IReadOnlyList<SpeedSetting> Grid, string ScoreName,
                                        SpeedSelection.ValidationScore Score, Action Prepare);

    private static SearchedModel Describe(string model, Lazy<(EmbeddedData Data, TextEmbedder Embed)> embedded, Lazy<InteractionData> interaction,
                                          InteractionConfig interactionConfig, ZeroShotExperimentOptions zeroShot, RetrievalExperimentOptions retrieval)
    {
        if (InteractionSpeedSettings.ModelOf(model) is { } answerModel)
            return new(interactionConfig.SpeedSettingOf(answerModel), InteractionSpeedSettings.Candidates, InteractionSpeedSettings.ScoreName,
                       (setting, seed, cancel) => InteractionSpeedSettings.ValidationScore(interaction.Value, answerModel, interactionConfig, setting, seed, cancel),
                       () => _ = interaction.Value);
        var (data, embed) = embedded.Value;
        return model is ZeroShotExperiment.Devise or ZeroShotExperiment.Compatibility
            ? new(zeroShot.SpeedSettingOf(model), ZeroShotSpeedSettings.Candidates, ZeroShotSpeedSettings.ScoreName,
                  (setting, seed, cancel) => ZeroShotSpeedSettings.ValidationScore(data, embed, model, zeroShot, setting, seed, cancel),
                  () => ZeroShotSpeedSettings.Prepare(data, embed, zeroShot))
            : new(retrieval.SpeedSettingOf(model), RetrievalSpeedSettings.Candidates(model), RetrievalSpeedSettings.ScoreNameOf(model),
                  (setting, seed, cancel) => RetrievalSpeedSettings.ValidationScore(data, embed, model, retrieval, setting, seed, cancel),
                  () => RetrievalSpeedSettings.Prepare(data, embed, model, retrieval));
    }

    /// <summary>"64x10" as batch 64 x 10 epochs; anything else is a usage error naming --reference.</summary>
    internal static SpeedSetting ParseSetting(string text)
    {
        var parts = text.Split('x', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var batch) && batch >= 1
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epochs) && epochs >= 1)
            return new SpeedSetting(batch, epochs);
        throw new CliUsageException($"--reference: '{text}' is not BATCHxEPOCHS with both at least 1, e.g. 64x10.");
    }

    private static int[]? Given(ParseResult parse, Option<int[]?> option) => CommonOptions.IsGiven(parse, option) ? parse.GetValue(option) : null;

    /// <summary>One model's table as text, then the choice.</summary>
    internal static string Format(SpeedSelectionResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Format(c, "{0}, {1} (mean ± std over {2} seeds), tolerance {3}:", result.Model, result.ScoreName, result.Rows[0].Score.Count, result.Tolerance),
            string.Format(c, "{0,-24} {1,-17} {2,-18} {3,-15} {4,8} {5,6}", "setting", "score", "difference", "seconds", "speed-up", "equal"),
        };
        foreach (var r in result.Rows)
            lines.Add(string.Format(c, "{0,-24} {1,-17} {2,-18} {3,-15} {4,7:F2}x {5,6}{6}", r.Setting + (r.IsReference ? " *" : ""), r.Score.Format(4),
                                    r.Difference.Format(4), r.Seconds.Format(1), r.SpeedUp, r.Equal ? "yes" : "no", r.Chosen ? "  <- chosen" : ""));
        var chosen = result.ChosenRow;
        lines.Add(chosen.IsReference
            ? string.Format(c, "{0}: keep {1} (* the reference): no faster setting kept its validation score", result.Model, chosen.Setting)
            : string.Format(c, "{0}: {1} is {2:F2}x faster than {3} (* the reference) at a validation score {4:+0.0000;-0.0000} from it",
                            result.Model, chosen.Setting, chosen.SpeedUp, result.Reference, chosen.Difference.Mean));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>A trial as the trials file holds it.</summary>
    internal sealed record SavedTrial(string Model, int BatchSize, int Epochs, int Seed, double Score, double Seconds)
    {
        public SpeedTrial ToTrial() => new(new SpeedSetting(BatchSize, Epochs), Seed, Score, Seconds);
    }

    private static List<SavedTrial> LoadTrials(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<SavedTrial>>(File.ReadAllText(path), KitJson.Options)
                   ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a trials file of `fusionkit bench settings` ({e.Message}); delete it to measure every trial again.");
        }
    }

    private static void SaveTrials(string path, List<SavedTrial> saved, string model, IReadOnlyList<SpeedTrial> trials)
    {
        saved.RemoveAll(t => t.Model == model);
        saved.AddRange(trials.Select(t => new SavedTrial(model, t.Setting.BatchSize, t.Setting.Epochs, t.Seed, t.Score, t.Seconds)));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(saved, KitJson.Options));
    }
}
