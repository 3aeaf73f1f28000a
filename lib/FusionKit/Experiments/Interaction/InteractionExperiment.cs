using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Evaluation.Tuning;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Interaction.QuestionGeneration;
using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Models.Interaction;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Experiments.Interaction;

/// <summary>
/// The interaction experiment: generated questions about Fashion-MNIST images (<see cref="InteractionData"/>) answered
/// by the kit's fusion methods on (question embedding, image embedding) with a classifier over the answer vocabulary,
/// against three baselines: the answer prior per question type (the most frequent training answer of the type),
/// question only, and image only (VQA's baselines, Antol et al. 2015). Every neural model is trained with the kit's
/// <see cref="Trainer"/>, keeping the epoch best on validation; test accuracy is reported per question type on held-out
/// images with seen phrasings and with held-out paraphrases.
/// </summary>
public static class InteractionExperiment
{
    /// <summary>Baseline: the most frequent training answer of the question's type.</summary>
    public const string Prior = "prior";

    /// <summary>Baseline: the answer classifier reads the question embedding alone.</summary>
    public const string QuestionOnly = "question-only";

    /// <summary>Baseline: the answer classifier reads the image embedding alone.</summary>
    public const string ImageOnly = FusionExperiment.ImageOnly;

    /// <summary>The encoder column of models that read no question embedding.</summary>
    public const string NoEncoder = "-";

    /// <summary>Every model the experiment can train (the prior is counted, not trained): the baselines, then every fusion method.</summary>
    public static IReadOnlyList<string> TrainedModels { get; } = [ImageOnly, QuestionOnly, .. FusionMethods.Names];

    /// <summary>The (model, encoder) pairs a run of <paramref name="config"/> trains, baselines first.</summary>
    public static IReadOnlyList<(string Model, string Encoder)> Models(InteractionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var models = new List<(string, string)> { (Prior, NoEncoder), (ImageOnly, NoEncoder) };
        models.AddRange(config.TextEncoders.Select(e => (QuestionOnly, e)));
        foreach (var method in config.Methods)
            models.AddRange(config.TextEncoders.Select(e => (method.Trim().ToLowerInvariant(), e)));
        return models;
    }

    /// <summary>The file of a run folder (<see cref="Run(InteractionData, InteractionConfig, IReadOnlyList{int}, string?, int, Func{string, string, ProcessStartInfo}?, TextWriter?, CancellationToken)"/>)
    /// that tells a worker what to load: profile, seeds, settings and device.</summary>
    public const string WorkFile = "work.json";

    /// <summary>Every model of <see cref="Models"/> for every seed, one after another in this process; progress lines go to <paramref name="log"/>.</summary>
    public static InteractionResult Run(InteractionData data, InteractionConfig config, IReadOnlyList<int> seeds, TextWriter? log = null, CancellationToken cancel = default) =>
        Run(data, config, seeds, runsFolder: null, jobs: 1, worker: null, log, cancel);

    /// <summary>
    /// Every model of <see cref="Models"/> for every seed, each (seed, model) an independent run of a <see cref="TrainingQueue"/>:
    /// with <paramref name="jobs"/> above 1 and a <paramref name="worker"/>, computed side by side in worker processes
    /// (the most expensive models first), else one after another here. Each run seeds torch itself, so the numbers are those of
    /// a sequential run whatever the jobs (a test compares every cell); the result lists the runs in the sequential order
    /// (seeds, then <see cref="Models"/>). Finished runs are kept in <paramref name="runsFolder"/>: an interrupted
    /// experiment rerun on the same folder computes only what is missing.
    /// </summary>
    /// <param name="data">The questions and embeddings (a worker loads its own copy, from the cache, with <see cref="ReadWork"/>'s settings).</param>
    /// <param name="config">Settings; its threads are each job's torch threads.</param>
    /// <param name="seeds">Model seeds.</param>
    /// <param name="runsFolder">Where finished runs are kept (one JSON file per run, plus <see cref="WorkFile"/>); null = a
    /// temporary folder, deleted at the end.</param>
    /// <param name="jobs">Runs computed at once (at least 1).</param>
    /// <param name="worker">Starts a worker process for the runs folder and the job name given, which calls <see cref="Work"/>
    /// (the CLI's <c>fusionkit interaction --worker FOLDER --job NAME</c>); null = every run in this process.</param>
    /// <param name="log">Progress lines (one per run; a worker's lines prefixed with its job).</param>
    /// <param name="cancel">Ctrl+C: every job stops after its current batch; finished runs stay in the folder.</param>
    /// <exception cref="InvalidDataException"><paramref name="runsFolder"/> holds runs of other settings, or an unreadable run (the file is named).</exception>
    /// <exception cref="InvalidOperationException">A worker failed (the run it failed on is named).</exception>
    public static InteractionResult Run(InteractionData data, InteractionConfig config, IReadOnlyList<int> seeds, string? runsFolder, int jobs,
                                        Func<string, string, ProcessStartInfo>? worker, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("Name at least one seed.", nameof(seeds));
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException($"Seeds repeat: [{string.Join(", ", seeds)}].", nameof(seeds));
        config.Validate();
        log ??= TextWriter.Null;
        var clock = Stopwatch.StartNew();
        var cpuStart = ProcessCpuSeconds();
        var folder = runsFolder ?? Path.Combine(Path.GetTempPath(), "fusionkit-interaction-runs-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteWork(folder, data.Profile, config, seeds);
            var queue = new TrainingQueue(folder);
            var runs = RunsOf(config, seeds);
            foreach (var run in runs.Where(r => queue.IsDone(r.Key)))
                log.WriteLine($"  seed {run.Seed} {InteractionRun.LabelOf(run.Model, run.Encoder),-28} finished earlier, loaded from {queue.ResultPath(run.Key)}");
            // Longest first (cross-attention, MFB, gated, concatenation, then the baselines), so the last run to end is a short one.
            var order = runs.OrderBy(r => CostRank(r.Model)).Select(r => r.Key).ToArray();
            var outcomes = queue.Run(order, jobs, worker is null ? null : job => worker(folder, job), key => Compute(data, config, seeds, queue, key, log, cancel), log, cancel);
            var results = runs.Select(r => LoadRun(queue, r.Key)).ToList();
            var cpu = ProcessCpuSeconds() - cpuStart + outcomes.Sum(o => o.CpuSeconds ?? 0);
            var jobNote = outcomes.Count > 1 ? $" in {outcomes.Count} jobs" : "";
            log.WriteLine($"  all models: {clock.Elapsed.TotalSeconds:0.0} s wall clock{jobNote}, {cpu:0.0} s CPU{LoadNote()}");
            return new InteractionResult(data.Profile.Name, config, seeds, results, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            if (runsFolder is null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A worker's whole work (<see cref="TrainingQueue.Work"/>): computes the runs of <paramref name="folder"/>'s queue that no
    /// other job took, saving each there, with the data and settings of <see cref="ReadWork"/>.
    /// </summary>
    /// <returns>How many runs this job computed.</returns>
    public static int Work(InteractionData data, InteractionConfig config, IReadOnlyList<int> seeds, string folder, string job, TextWriter? log, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(seeds);
        log ??= TextWriter.Null;
        var queue = new TrainingQueue(folder);
        return queue.Work(job, key => Compute(data, config, seeds, queue, key, log, cancel), log, cancel);
    }

    /// <summary>The profile, settings (device included) and seeds a run folder's runs are computed with (its <see cref="WorkFile"/>).</summary>
    /// <exception cref="InvalidDataException">No readable work file in <paramref name="folder"/> (the file is named).</exception>
    public static (RunProfile Profile, InteractionConfig Config, IReadOnlyList<int> Seeds) ReadWork(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = Path.Combine(folder, WorkFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{path} is missing: {folder} is not a folder of interaction runs.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var work = document.Deserialize<WorkSettings>(KitJson.Options) ?? throw new InvalidDataException($"{path} is empty.");
            if (work.Profile is null || work.Config is null || work.Seeds is null || work.Device is null) throw new InvalidDataException($"{path} is incomplete.");
            // Runs saved before models had their own settings trained every model with the shared one: read them as such,
            // not with today's defaults, so that they are never taken for runs of the current settings.
            var config = NamesModelSettings(document.RootElement) ? work.Config : work.Config with { ModelSettings = new Dictionary<string, SpeedSetting>() };
            return (work.Profile, config with { Device = ComputeDevices.Parse(work.Device) }, work.Seeds);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a readable work file ({e.Message}); delete the folder to start over.", e);
        }
    }

    /// <summary>The finished runs of a folder of interaction runs (its <see cref="WorkFile"/> names them), in the sequential
    /// order; runs not finished are absent. E.g. to read each model's training time back.</summary>
    /// <exception cref="InvalidDataException">No readable work file, or an unreadable run file (the file is named).</exception>
    public static IReadOnlyList<InteractionRun> SavedRuns(string folder)
    {
        var (_, config, seeds) = ReadWork(folder);
        var queue = new TrainingQueue(folder);
        return RunsOf(config, seeds).Where(r => queue.IsDone(r.Key)).Select(r => LoadRun(queue, r.Key)).ToArray();
    }

    /// <summary>Whether a work file's config has the <see cref="InteractionConfig.ModelSettings"/> property (files written before it did not).</summary>
    private static bool NamesModelSettings(JsonElement workFile) =>
        workFile.ValueKind == JsonValueKind.Object && workFile.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
               && config.TryGetProperty(KitJson.Options.PropertyNamingPolicy!.ConvertName(nameof(InteractionConfig.ModelSettings)), out _);

    /// <summary>What <see cref="WorkFile"/> holds.</summary>
    private sealed record WorkSettings(RunProfile? Profile, IReadOnlyList<int>? Seeds, InteractionConfig? Config, string? Device);

    /// <summary>Writes the folder's work file; a folder holding runs of other profile, seeds or settings (threads and device aside) is refused.</summary>
    private static void WriteWork(string folder, RunProfile profile, InteractionConfig config, IReadOnlyList<int> seeds)
    {
        var path = Path.Combine(folder, WorkFile);
        string Settings(RunProfile p, InteractionConfig c, IReadOnlyList<int> s) => JsonSerializer.Serialize(new WorkSettings(p, s, c with { Threads = null }, null), KitJson.Compact);
        if (File.Exists(path))
        {
            var saved = ReadWork(folder);
            if (Settings(saved.Profile, saved.Config, saved.Seeds) != Settings(profile, config, seeds))
                throw new InvalidDataException($"{folder} holds interaction runs of other settings ({path}); use another run folder, or delete it to start over.");
        }
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new WorkSettings(profile, seeds, config, ComputeDevices.Name(config.Device)), KitJson.Options));
    }

    /// <summary>Every (seed, model, encoder) run in the sequential order (seeds, then <see cref="Models"/>), with its queue key ("seed0-gated-minilm").</summary>
    private static IReadOnlyList<(string Key, int Seed, string Model, string Encoder)> RunsOf(InteractionConfig config, IReadOnlyList<int> seeds) =>
        seeds.SelectMany(seed => Models(config).Select(m => (Key: string.Create(CultureInfo.InvariantCulture, $"seed{seed}-{m.Model}") + (m.Encoder == NoEncoder ? "" : "-" + m.Encoder),
                                                             Seed: seed, m.Model, m.Encoder))).ToArray();

    /// <summary>Trains (or counts, for the prior) the run <paramref name="key"/>, prints its line and saves it to the queue.</summary>
    private static void Compute(InteractionData data, InteractionConfig config, IReadOnlyList<int> seeds, TrainingQueue queue, string key, TextWriter log, CancellationToken cancel)
    {
        var (_, seed, model, encoder) = RunsOf(config, seeds).Single(r => r.Key == key);
        var cpuBefore = ProcessCpuSeconds();
        var run = model == Prior ? RunPrior(data, seed) : Train(data, config, model, encoder, seed, attentionExamples: seed == seeds[0] ? 8 : 0, log: null, cancel);
        // CPU seconds (training and testing) beside wall-clock training seconds: on a shared machine the CPU figure is the steadier one.
        log.WriteLine($"  seed {seed} {run.Label,-28} validation {run.ValidationAccuracy:0.000}  test seen {run.SeenOverall:0.000}  held-out phrasings {run.HeldOutOverall:0.000}  " +
                      $"({run.TrainSeconds:0.0} s, {ProcessCpuSeconds() - cpuBefore:0.0} s CPU, {run.Epochs} epochs)");
        queue.Save(key, run);
    }

    private static InteractionRun LoadRun(TrainingQueue queue, string key) => queue.Load<InteractionRun>(key, "interaction run");

    /// <summary>Scheduling rank of a model, most expensive first (measured CPU per run on the default profile: cross-attention, MFB, gated, concatenation, baselines).</summary>
    private static int CostRank(string model) => model switch
    {
        FusionMethods.CrossAttention => 0,
        FusionMethods.Bilinear => 1,
        FusionMethods.Gated => 2,
        Prior => 5,
        QuestionOnly or ImageOnly => 4,
        _ => 3,
    };

    /// <summary>
    /// The answer model <paramref name="model"/> (a fusion method or a baseline) on (image, question) embeddings of the
    /// given widths: a <see cref="FusionClassifier"/> over the answer vocabulary, plus which inputs it reads.
    /// For cross-attention <paramref name="imageDim"/> is the width of one of its tokens.
    /// </summary>
    public static (FusionClassifier Model, PairInputs Inputs) Build(string model, int imageDim, int questionDim, int answers, InteractionConfig config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        return model switch
        {
            ImageOnly => (FusionClassifier.ImageOnly(new ClassifierHead(imageDim, config.HiddenSizes, answers)), PairInputs.ImageOnly),
            QuestionOnly => (FusionClassifier.ImageOnly(new ClassifierHead(questionDim, config.HiddenSizes, answers)), PairInputs.QuestionOnly),
            _ => (FusionClassifier.Create(model, imageDim, questionDim, answers, config.HiddenSizes, config.FusionOptions with { ClassCount = answers }), PairInputs.Both),
        };
    }

    /// <summary>Trains one model on the training questions (validating each epoch) and scores it on both test phrasings.</summary>
    public static InteractionRun Train(InteractionData data, InteractionConfig config, string model, string encoder, int seed, int attentionExamples = 0,
                                       TextWriter? log = null, CancellationToken cancel = default)
    {
        using var trained = Fit(data, config, model, encoder, seed, checkpointDirectory: null, log, cancel, out var seconds, out var history);
        var seen = PredictTest(trained, data, data.TestSeen);
        var heldOut = PredictTest(trained, data, data.TestHeldOut);
        var attention = trained.Inner.Fusion is ISpatialFusion && attentionExamples > 0 ? Attention(trained, data, seen, attentionExamples) : null;
        return Score(data, model, encoder, seed, seconds, history.Epochs.Count, BestValidationAccuracy(history),
                     seen, heldOut) with { Attention = attention };
    }

    /// <summary>
    /// Builds and trains one model with the kit's trainer (early stopping on validation accuracy, best epoch restored);
    /// with <paramref name="checkpointDirectory"/> an interrupted training resumes. The caller disposes the result.
    /// </summary>
    public static PairLookupClassifier Fit(InteractionData data, InteractionConfig config, string model, string encoder, int seed, string? checkpointDirectory,
                                           TextWriter? log, CancellationToken cancel, out double seconds, out TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        TorchRuntime.EnsureReady();
        var spatial = FusionExperiment.IsSpatial(model);
        var images = Images(data, spatial, validation: false);
        var trainingTable = data.TrainingImageTable(spatial); // training rows, then validation rows: built once per data, shared by every model
        var questions = data.QuestionEmbeddings[encoder == NoEncoder ? data.QuestionEmbeddings.Keys.First() : encoder];
        var tokenDim = spatial ? images.Dimension / config.FusionOptions.ImageTokens : images.Dimension;
        var setting = config.SpeedSettingOf(model);
        var trainer = new Trainer(new TrainingConfig
        {
            Epochs = setting.Epochs, BatchSize = setting.BatchSize, LearningRate = config.LearningRate, Seed = seed, Threads = config.Threads, Device = config.Device,
            EarlyStoppingPatience = config.Patience, CheckpointDirectory = checkpointDirectory,
        }) { Log = log };
        if (config.Threads is { } threads) torch.set_num_threads(threads);
        torch.manual_seed(seed); // initial weights
        var (inner, inputs) = Build(model, tokenDim, questions.Dimension, data.Answers.Count, config);
        // Training and validation questions index one table: the validation set's image rows are offset past the training images.
        var table = Matrix(trainingTable.Data, trainingTable.Rows, trainingTable.Dimension); // (M_train + M_val, D_img)
        var classifier = new PairLookupClassifier(inner, table, Matrix(questions.Data, questions.Rows, questions.Dimension), inputs);
        using var train = Pairs(data, data.TrainQuestions, 0);
        using var validation = Pairs(data, ByImage(data.ValidationQuestions), images.Rows); // order does not change accuracy
        var clock = Stopwatch.StartNew();
        try
        {
            history = trainer.Fit(classifier, train, validation, cancel);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
        seconds = clock.Elapsed.TotalSeconds;
        return classifier;
    }

    /// <summary>The validation accuracy of the epoch whose weights the model kept (early stopping); NaN when none was kept or measured.</summary>
    internal static double BestValidationAccuracy(TrainingHistory history) =>
        history.BestEpoch is { } best ? history.Epochs[best - 1].ValidationAccuracy ?? double.NaN : double.NaN;

    /// <summary>Predicted answer index of each test question: the model's image table is first replaced by the test images.</summary>
    internal static int[] PredictTest(PairLookupClassifier trained, InteractionData data, IReadOnlyList<GeneratedQuestion> questions)
    {
        var images = trained.Inner.Fusion is ISpatialFusion ? data.Test.Spatial! : data.Test.Pooled;
        trained.ReplaceImages(Matrix(images.Data, images.Rows, images.Dimension));
        var order = Enumerable.Range(0, questions.Count).OrderBy(i => questions[i].Image).ToArray(); // by image: each image read once per batch
        using var set = Pairs(data, order.Select(i => questions[i]).ToArray(), 0);
        var byImage = trained.Predict(set);
        var predicted = new int[questions.Count];
        for (var k = 0; k < order.Length; k++) predicted[order[k]] = byImage[k];
        return predicted;
    }

    private static InteractionRun RunPrior(InteractionData data, int seed)
    {
        var prior = QuestionTypes.All.ToDictionary(t => t, t => data.TrainQuestions.Where(q => q.Type == t).GroupBy(q => q.Answer)
            .OrderByDescending(g => g.Count()).ThenBy(g => data.AnswerIndex[g.Key]).Select(g => data.AnswerIndex[g.Key]).FirstOrDefault());
        int[] Answer(IReadOnlyList<GeneratedQuestion> qs) => qs.Select(q => prior[q.Type]).ToArray();
        var validation = Accuracy(data, data.ValidationQuestions, Answer(data.ValidationQuestions), null);
        return Score(data, Prior, NoEncoder, seed, 0, 0, validation, Answer(data.TestSeen), Answer(data.TestHeldOut));
    }

    private static InteractionRun Score(InteractionData data, string model, string encoder, int seed, double seconds, int epochs, double validation, int[] seen, int[] heldOut) =>
        new(model, encoder, seed, seconds, epochs, validation,
            QuestionTypes.All.ToDictionary(t => t, t => Accuracy(data, data.TestSeen, seen, t)), Accuracy(data, data.TestSeen, seen, null),
            QuestionTypes.All.ToDictionary(t => t, t => Accuracy(data, data.TestHeldOut, heldOut, t)), Accuracy(data, data.TestHeldOut, heldOut, null));

    /// <summary>Share of <paramref name="questions"/> of type <paramref name="type"/> (all when null) answered right.</summary>
    public static double Accuracy(InteractionData data, IReadOnlyList<GeneratedQuestion> questions, IReadOnlyList<int> predicted, QuestionType? type)
    {
        int total = 0, right = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            if (type is { } t && questions[i].Type != t) continue;
            total++;
            if (data.AnswerIndex[questions[i].Answer] == predicted[i]) right++;
        }
        return total == 0 ? double.NaN : (double)right / total;
    }

    private static IReadOnlyList<AttentionExample> Attention(PairLookupClassifier trained, InteractionData data, int[] predicted, int count)
    {
        // The first test questions of each type in turn, so the picture shows every kind of question.
        var picks = QuestionTypes.All.SelectMany(t => Enumerable.Range(0, data.TestSeen.Count).Where(i => data.TestSeen[i].Type == t).Take((count + 3) / 4))
            .Take(count).ToArray();
        var fusion = (ISpatialFusion)trained.Inner.Fusion!;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        trained.Inner.eval();
        var device = Prediction.DeviceOf(trained); // the rows go where the model lives
        var (imageRows, questionRows) = trained.Rows( // the test image table is in place (PredictTest)
            torch.tensor(picks.Select(i => (float)data.TestSeen[i].Image).ToArray(), device: device),      // (P) -> (P, 49 * 512)
            torch.tensor(picks.Select(i => (float)data.TextRow[data.TestSeen[i].Text]).ToArray(), device: device)); // (P) -> (P, D_q)
        var maps = fusion.AttentionMap(imageRows, questionRows).cpu(); // (P, 49)
        return picks.Select((i, k) => new AttentionExample(data.TestSeen[i], data.Answers[predicted[i]], maps[k].data<float>().ToArray())).ToArray();
    }

    private static FusionKit.Caching.EmbeddingMatrix Images(InteractionData data, bool spatial, bool validation)
    {
        var split = validation ? data.Validation : data.Train;
        return spatial ? split.Spatial ?? throw new ArgumentException("Cross-attention reads spatial tokens: load the data with a config that names cross-attention.", nameof(data)) : split.Pooled;
    }

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>", load average 2.31" where the system reports one (Linux), else empty: timings on a shared machine need it beside them.</summary>
    private static string LoadNote()
    {
        try
        {
            var fields = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : [];
            return fields.Length > 0 ? $", load average {fields[0]}" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static Tensor Matrix(float[] values, int rows, int cols)
    {
        using var flat = torch.from_array(values);
        return flat.view(rows, cols).DetachFromDisposeScope(); // shares the array (read-only here)
    }

    /// <summary>
    /// Rows of (image index + <paramref name="imageOffset"/>, question text row) with the answer as label, in the order
    /// of <paramref name="questions"/>; each row's group (<see cref="FeatureSet.Groups"/>) is its image, so training
    /// visits the questions about an image together and the model reads the image once for all of them.
    /// </summary>
    private static FeatureSet Pairs(InteractionData data, IReadOnlyList<GeneratedQuestion> questions, int imageOffset) =>
        FeatureSet.FromMatrices(questions.Select(q => (float)(q.Image + imageOffset)).ToArray(), 1,
                                questions.Select(q => (float)data.TextRow[q.Text]).ToArray(), 1,
                                questions.Select(q => data.AnswerIndex[q.Answer]).ToArray(),
                                groups: questions.Select(q => q.Image).ToArray());

    /// <summary>The questions ordered by image (stable), so a batch taken in order holds few distinct images.</summary>
    private static GeneratedQuestion[] ByImage(IReadOnlyList<GeneratedQuestion> questions) => questions.OrderBy(q => q.Image).ToArray();
}
