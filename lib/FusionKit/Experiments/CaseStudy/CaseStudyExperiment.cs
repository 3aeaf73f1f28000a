using System.Diagnostics;
using System.Globalization;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Models;
using FusionKit.Models.CrossModal;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// The paper's case study and its audit, on cached embeddings. For every seed it trains (on the training split;
/// the validation split is only monitored; the test split is used for nothing but the final evaluation):
/// <list type="bullet">
/// <item><c>image-only</c>: the head on the 512-d image embedding (baseline);</item>
/// <item><c>paper (encoder)</c>: [image ; text embedding of the sample's TRUE label] -> head, evaluated as the paper
/// does, with the true label's text at test time (leaked), then, with the same weights, with a wrong label's text,
/// a random label's text and no text (zeros): the leakage audit;</item>
/// <item><c>compatibility (encoder)</c>: score(image, label text) trained with softmax over the C label texts,
/// predicting the argmax with no label input (the honest use of label text).</item>
/// </list>
/// With a folder (the run's <c>case-study/</c> section, see <c>RunPipeline</c>), each trained model's results are saved as
/// soon as it is evaluated, and a rerun on the same folder skips what is there; cancelling stops after the current
/// batch and keeps the finished models.
/// </summary>
public sealed class CaseStudyExperiment
{
    public CaseStudyExperiment(CaseStudyConfig? config = null)
    {
        Config = config ?? new CaseStudyConfig();
        Config.Validate();
    }

    public CaseStudyConfig Config { get; }

    /// <summary>Progress lines (one per trained model, plus one per epoch when <see cref="LogEpochs"/>); null = silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Write the trainer's per-epoch lines to <see cref="Log"/> (default true).</summary>
    public bool LogEpochs { get; init; } = true;

    /// <summary>Runs every variant for every seed.</summary>
    /// <param name="data">Embedded train / validation / test splits and label-text embeddings.</param>
    /// <param name="seeds">Seeds to repeat over; null = the data's profile seeds.</param>
    /// <param name="folder">Folder for the settings and per-model results (resumable); null = keep everything in memory.</param>
    /// <param name="cancellationToken">Stops after the current batch (<see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentException">A text encoder the data has no label embeddings for, or no seeds.</exception>
    public CaseStudyResult Run(EmbeddedData data, IReadOnlyList<int>? seeds = null, string? folder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        seeds ??= data.Profile.Seeds;
        if (seeds.Count == 0) throw new ArgumentException("At least one seed is required.", nameof(seeds));
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException($"Seeds repeat: [{string.Join(", ", seeds)}].", nameof(seeds));
        foreach (var encoder in Config.TextEncoders)
            if (!data.LabelEmbeddings.ContainsKey(encoder))
                throw new ArgumentException($"The data has no label-text embeddings from '{encoder}'; it has: {string.Join(", ", data.LabelEmbeddings.Keys)}.", nameof(data));
        TorchRuntime.EnsureReady();

        var dataInfo = DescribeData(data);
        var store = folder is null ? null : new CaseStudyStore(folder);
        store?.WriteSettings(data.Profile, Config, seeds, data.ClassNames, dataInfo);

        var trainings = seeds.SelectMany(seed => Trainings().Select(t => (t.Model, t.Encoder, Seed: seed))).ToList();
        var runs = new List<CaseStudyRun>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < trainings.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (model, encoder, seed) = trainings[i];
            var key = TrainingKey(model, encoder, seed);
            var fingerprint = CaseStudyStore.Sha256($"{Config.Fingerprint()}|{dataInfo.Combined}|{key}");
            var label = $"[{i + 1}/{trainings.Count}] {LogName(model, encoder)} seed {seed}";
            var file = store?.TryLoad(key, fingerprint);
            if (file is not null)
            {
                Log?.WriteLine($"{label}: finished earlier, loaded from {store!.PathOf(key)}");
            }
            else
            {
                Log?.WriteLine($"{label}: training ({data.Train.Count:N0} samples, {Config.Epochs} epochs, batch {Config.BatchSize})");
                file = Train(data, model, encoder, seed, fingerprint, cancellationToken);
                store?.Save(key, file);
                var headline = file.Evaluations[0];
                var accuracy = ClassificationMetricsOf(headline, data.ClassNames).Accuracy;
                var leakNote = headline.TestText == TestTextKind.TrueLabel ? " [leaked: the true label's text is an input]" : "";
                Log?.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: trained in {1:F1} s; test accuracy {2:F4}{3}", label, file.TrainSeconds, accuracy, leakNote));
            }
            runs.AddRange(ToRuns(file, data.ClassNames));
        }
        Log?.WriteLine(string.Format(CultureInfo.InvariantCulture, "case study: {0} trainings, {1:F1} s in all", trainings.Count, clock.Elapsed.TotalSeconds));
        return Assemble(data.Profile, Config, seeds, data.ClassNames, runs, dataInfo, store?.Folder);
    }

    /// <summary>True when the folder holds saved case-study models (what <see cref="Load"/> reads).</summary>
    public static bool HasSavedRuns(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var runs = Path.Combine(folder, CaseStudyStore.RunsFolder);
        return Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.json").Any();
    }

    /// <summary>
    /// Reads a case study's folder back (its study.json and every finished model under runs/), without the data or any
    /// training: e.g. to chart an earlier run. Models that had not finished are simply absent.
    /// </summary>
    /// <exception cref="InvalidDataException">No readable study.json, or a result file from other settings.</exception>
    public static CaseStudyResult Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var store = new CaseStudyStore(folder);
        var configPath = Path.Combine(store.Folder, CaseStudyStore.SettingsFileName);
        if (!File.Exists(configPath)) throw new InvalidDataException($"{configPath} does not exist: not a case study's folder.");
        SavedConfig saved;
        try
        {
            saved = System.Text.Json.JsonSerializer.Deserialize<SavedConfig>(File.ReadAllText(configPath), KitJson.Options)
                ?? throw new InvalidDataException($"{configPath} is empty.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{configPath} is not a readable case-study configuration ({e.Message}).", e);
        }
        if (saved.Profile is null || saved.Config is null || saved.Seeds is null || saved.ClassNames is null || saved.Data is null)
            throw new InvalidDataException($"{configPath} lacks profile, config, seeds, classNames or data.");
        var study = new CaseStudyExperiment(saved.Config);
        var runs = new List<CaseStudyRun>();
        foreach (var seed in saved.Seeds)
        foreach (var (model, encoder) in study.Trainings())
        {
            var key = TrainingKey(model, encoder, seed);
            var file = store.TryLoad(key, CaseStudyStore.Sha256($"{saved.Config.Fingerprint()}|{saved.Data.Combined}|{key}"));
            if (file is not null) runs.AddRange(ToRuns(file, saved.ClassNames));
        }
        return Assemble(saved.Profile, saved.Config, saved.Seeds, saved.ClassNames, runs, saved.Data, store.Folder);
    }

    private static CaseStudyResult Assemble(RunProfile profile, CaseStudyConfig config, IReadOnlyList<int> seeds, IReadOnlyList<string> classNames,
                                            IReadOnlyList<CaseStudyRun> runs, CaseStudyDataInfo data, string? folder)
    {
        var variants = CaseStudyVariant.All(config);
        var ordered = variants.SelectMany(v => runs.Where(r => r.Variant == v).OrderBy(r => r.Seed)).ToList();
        return new CaseStudyResult(profile, config, seeds.ToArray(), classNames, variants, ordered, data, folder);
    }

    /// <summary>The parts of study.json that <see cref="Load"/> needs.</summary>
    private sealed record SavedConfig(RunProfile? Profile, CaseStudyConfig? Config, int[]? Seeds, string[]? ClassNames, CaseStudyDataInfo? Data);

    /// <summary>Sizes and fingerprints of the data (split fingerprints, image encoder, hash of each label-text embedding).</summary>
    public static CaseStudyDataInfo DescribeData(EmbeddedData data)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["train"] = data.Train.Dataset.Fingerprint,
            ["validation"] = data.Validation.Dataset.Fingerprint,
            ["test"] = data.Test.Dataset.Fingerprint,
            ["images.train"] = HashFloats(data.Train.Images.Data),
            ["images.validation"] = HashFloats(data.Validation.Images.Data),
            ["images.test"] = HashFloats(data.Test.Images.Data),
            ["image-encoder"] = data.ImageEncoder,
        };
        foreach (var (name, matrix) in data.LabelEmbeddings) fingerprints["label-text." + name] = HashFloats(matrix.Data);
        return new CaseStudyDataInfo(data.Train.Count, data.Validation.Count, data.Test.Count, data.ImageEncoder, data.Train.Images.Dimension, fingerprints);
    }

    private IEnumerable<(CaseStudyModelKind Model, string? Encoder)> Trainings()
    {
        yield return (CaseStudyModelKind.ImageOnly, null);
        if (Config.IncludeCompatibility)
            foreach (var e in Config.TextEncoders) yield return (CaseStudyModelKind.Compatibility, e);
        foreach (var e in Config.TextEncoders) yield return (CaseStudyModelKind.Paper, e);
    }

    private static string ModelName(CaseStudyModelKind model, string? encoder) => CaseStudyVariant.TrainingNameOf(model, encoder);

    /// <summary>The model's name for logs, with " [leaked]" for a model whose training history is leaked.</summary>
    private static string LogName(CaseStudyModelKind model, string? encoder) =>
        model == CaseStudyModelKind.Paper ? ModelName(model, encoder) + " [leaked]" : ModelName(model, encoder);

    private static string TrainingKey(CaseStudyModelKind model, string? encoder, int seed) =>
        CaseStudyVariant.Slug(ModelName(model, encoder)) + "-seed" + seed.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<CaseStudyVariant> VariantsOf(CaseStudyModelKind model, string? encoder) => model switch
    {
        CaseStudyModelKind.ImageOnly => [CaseStudyVariant.ImageOnly],
        CaseStudyModelKind.Paper => CaseStudyVariant.PaperWithAudits(encoder!),
        _ => [CaseStudyVariant.Compatibility(encoder!)],
    };

    private TrainingFile Train(EmbeddedData data, CaseStudyModelKind model, string? encoder, int seed, string fingerprint, CancellationToken cancel)
    {
        torch.set_num_threads(Config.Threads);
        torch.manual_seed(seed); // initial weights; the trainer reseeds for batch order
        var imageDim = data.Train.Images.Dimension;
        var labelTexts = encoder is null ? null : data.LabelEmbeddings[encoder];
        switch (model)
        {
            case CaseStudyModelKind.ImageOnly:
            {
                using var network = FusionClassifier.ImageOnly(new ClassifierHead(imageDim, Config.HiddenSizes, data.ClassCount, Config.Activation));
                return FitAndEvaluate(network, data, model, encoder, seed, fingerprint, withText: null, cancel);
            }
            case CaseStudyModelKind.Paper:
            {
                using var network = FusionClassifier.Concat(imageDim, labelTexts!.Dimension, data.ClassCount, Config.HiddenSizes, Config.Activation);
                return FitAndEvaluate(network, data, model, encoder, seed, fingerprint, withText: labelTexts, cancel);
            }
            default:
            {
                if (labelTexts!.Rows != data.ClassCount)
                    throw new ArgumentException($"'{encoder}' has {labelTexts.Rows} label texts for {data.ClassCount} classes.", nameof(data));
                using var network = CompatibilityModel.Concat(labelTexts.ToJagged(), imageDim, Config.HiddenSizes, Config.Activation);
                return FitAndEvaluate(network, data, model, encoder, seed, fingerprint, withText: null, cancel);
            }
        }
    }

    /// <summary>Trains on train (validation monitored), then evaluates each variant of the model on test.</summary>
    private TrainingFile FitAndEvaluate<TModel>(TModel network, EmbeddedData data, CaseStudyModelKind model, string? encoder, int seed,
                                                 string fingerprint, EmbeddingMatrix? withText, CancellationToken cancel)
        where TModel : torch.nn.Module, IFeatureClassifier
    {
        var imageDim = data.Train.Images.Dimension;
        var textDim = withText?.Dimension ?? 0;
        FeatureSet Set(EmbeddedSplit split) => FeatureSet.FromMatrices(
            split.Images.Data, imageDim, withText is null ? null : LeakageAudit.LabelTextRows(withText, split.Labels), textDim, split.Labels);

        var trainer = new Trainer(Config.Training(seed))
        {
            // the paper model validates with the true label's text: each of its epoch lines is marked leaked
            Progress = LogEpochs && Log is { } log ? new EpochLine(log, Config.Epochs, model == CaseStudyModelKind.Paper ? "[leaked] " : "") : null,
        };
        TrainingHistory history;
        double seconds;
        using (var train = Set(data.Train))
        using (var validation = Set(data.Validation))
        {
            var clock = Stopwatch.StartNew();
            history = trainer.Fit(network, train, validation, cancel);
            seconds = clock.Elapsed.TotalSeconds;
        }

        var evaluations = new List<EvaluationFile>();
        var testLabels = data.Test.Labels;
        foreach (var variant in VariantsOf(model, encoder))
        {
            var text = withText is null ? null : LeakageAudit.TestTextRows(variant.TestText, withText, testLabels, seed);
            using var test = FeatureSet.FromMatrices(data.Test.Images.Data, imageDim, text, textDim);
            var predicted = network.Predict(test);
            var confusion = ConfusionMatrix.Compute(testLabels, predicted, data.ClassNames);
            evaluations.Add(new EvaluationFile(variant.Name, variant.TestText, CaseStudyStore.Counts(confusion)));
        }
        return new TrainingFile(fingerprint, model, encoder, seed, seconds, history.Epochs, history.BestEpoch, history.StoppedEarly, evaluations);
    }

    private static IEnumerable<CaseStudyRun> ToRuns(TrainingFile file, IReadOnlyList<string> classNames)
    {
        var variants = VariantsOf(file.Model, file.TextEncoder);
        var history = file.History();
        foreach (var evaluation in file.Evaluations)
        {
            var variant = variants.FirstOrDefault(v => v.Name == evaluation.Variant && v.TestText == evaluation.TestText)
                ?? throw new InvalidDataException($"A saved result names variant '{evaluation.Variant}', which model {ModelName(file.Model, file.TextEncoder)} does not have.");
            yield return new CaseStudyRun(variant, file.Seed, CaseStudyStore.ConfusionFromCounts(evaluation.Confusion, classNames), history, file.TrainSeconds);
        }
    }

    private static ClassificationReport ClassificationMetricsOf(EvaluationFile evaluation, IReadOnlyList<string> classNames) =>
        ClassificationReport.FromConfusionMatrix(CaseStudyStore.ConfusionFromCounts(evaluation.Confusion, classNames), ZeroDivision.Zero);

    private static string HashFloats(float[] values)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..24];
    }

    /// <summary>Writes each finished epoch, indented under its model's line, after <paramref name="mark"/>.</summary>
    private sealed class EpochLine(TextWriter log, int epochs, string mark) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => log.WriteLine("    " + mark + value.Format(epochs));
    }
}
