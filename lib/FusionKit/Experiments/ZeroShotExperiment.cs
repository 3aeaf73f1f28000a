using System.Diagnostics;
using FusionKit.Evaluation;
using FusionKit.Platform;
using FusionKit.Retrieval;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Experiments;

/// <summary>
/// The zero-shot experiment on cached embeddings: for each class split (the fixed Fashion-MNIST split and a
/// random split drawn per seed), each method (DeViSE's linear map, the compatibility model), each label-embedding
/// encoder (word vectors, MiniLM) and each label text (bare names, descriptions), train on the seen classes'
/// training images only and report conventional ZSL accuracy (unseen among unseen) and generalized S, U, H
/// (<see cref="ZeroShotEvaluation"/>), mean ± std over the seeds.
/// </summary>
public static class ZeroShotExperiment
{
    public const string FixedSplit = "fixed";
    public const string RandomSplit = "random";
    public const string Devise = "devise";
    public const string Compatibility = "compatibility";
    public const string Names = "names";
    public const string DescriptionTexts = "descriptions";

    /// <param name="data">Embedded train / test images and labels.</param>
    /// <param name="embedTexts">Embeds label texts with a named encoder (e.g. <see cref="RetrievalTextEmbedding.Cached"/>).</param>
    /// <param name="seeds">Model seeds (and random-split seeds); null = the data's profile seeds.</param>
    /// <exception cref="ArgumentException">An unknown split, method or label-text name, or descriptions that do not match the classes (named).</exception>
    public static ZeroShotResult Run(EmbeddedData data, TextEmbedder embedTexts, ZeroShotExperimentOptions? options = null,
                                     IReadOnlyList<int>? seeds = null, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embedTexts);
        options ??= new ZeroShotExperimentOptions();
        seeds ??= data.Profile.Seeds;
        if (seeds.Count == 0) throw new ArgumentException("Give at least one seed.", nameof(seeds));
        Check(options, data);
        log ??= TextWriter.Null;
        TorchRuntime.EnsureReady();
        var clock = Stopwatch.StartNew();

        using var train = FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
        using var testImages = torch.tensor(data.Test.Images.Data, data.Test.Count, data.Test.Images.Dimension);
        var rows = new List<ZeroShotRow>();
        foreach (var encoder in options.LabelEncoders)
            foreach (var text in options.LabelTexts)
            {
                var texts = text == Names ? data.ClassNames : options.Descriptions;
                var labels = embedTexts(encoder, texts).ToJagged();
                if (labels.Length != data.ClassCount)
                    throw new InvalidOperationException($"Text embedder '{encoder}' returned {labels.Length} label embeddings for {data.ClassCount} classes.");
                foreach (var splitName in options.Splits)
                    foreach (var method in options.Methods)
                    {
                        var reports = new List<ZeroShotReport>();
                        foreach (var seed in seeds)
                        {
                            var split = SplitFor(splitName, data.ClassCount, options.RandomUnseenCount, seed);
                            var scores = TrainAndScore(method, train, testImages, labels, split, options, seed, cancel);
                            var report = ZeroShotEvaluation.Evaluate(scores, data.Test.Labels, split);
                            log.WriteLine($"{splitName} split ({split}), {method}, {encoder} {text}, seed {seed}: {report}");
                            reports.Add(report);
                        }
                        rows.Add(new ZeroShotRow(splitName, method, encoder, text, reports,
                            MetricSummary.Of(reports.Select(r => r.UnseenAmongUnseen)), MetricSummary.Of(reports.Select(r => r.Seen)),
                            MetricSummary.Of(reports.Select(r => r.Unseen)), MetricSummary.Of(reports.Select(r => r.Harmonic))));
                    }
            }
        return new ZeroShotResult(seeds.ToArray(), rows, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The split called <paramref name="name"/>: "fixed" (<see cref="ClassSplit.FashionMnist"/>, 10 classes only) or "random" by seed.</summary>
    public static ClassSplit SplitFor(string name, int classCount, int randomUnseenCount, int seed) => name switch
    {
        FixedSplit when classCount == ClassSplit.FashionMnist.ClassCount => ClassSplit.FashionMnist,
        FixedSplit => throw new ArgumentException($"The fixed split is Fashion-MNIST's ({ClassSplit.FashionMnist.ClassCount} classes); the data has {classCount}.", nameof(classCount)),
        RandomSplit => ClassSplit.Random(classCount, randomUnseenCount, seed),
        _ => throw new ArgumentException($"Unknown split '{name}': use {FixedSplit} or {RandomSplit}.", nameof(name)),
    };

    private static float[][] TrainAndScore(string method, FeatureSet train, torch.Tensor testImages, float[][] labels, ClassSplit split,
                                           ZeroShotExperimentOptions options, int seed, CancellationToken cancel)
    {
        if (method == Devise)
        {
            torch.manual_seed(seed);
            using var devise = new DeviseModel(train.ImageDim, labels[0].Length);
            var config = new TrainingConfig { Epochs = options.DeviseEpochs, BatchSize = options.BatchSize, Seed = seed, Threads = options.Threads };
            ZeroShotTraining.TrainDevise(devise, train, labels, split, config, cancellationToken: cancel);
            return ZeroShotTraining.Scores(devise, testImages, labels);
        }
        var compatibilityConfig = new TrainingConfig { Epochs = options.CompatibilityEpochs, BatchSize = options.BatchSize, Seed = seed, Threads = options.Threads };
        var (model, _) = ZeroShotTraining.TrainCompatibility(train, labels, split, options.CompatibilityHiddenSizes, compatibilityConfig, cancellationToken: cancel);
        using (model) return ZeroShotTraining.Scores(model, testImages, labels);
    }

    private static void Check(ZeroShotExperimentOptions options, EmbeddedData data)
    {
        foreach (var s in options.Splits)
            if (s is not (FixedSplit or RandomSplit)) throw new ArgumentException($"Unknown split '{s}': use {FixedSplit} or {RandomSplit}.", nameof(options));
        foreach (var m in options.Methods)
            if (m is not (Devise or Compatibility)) throw new ArgumentException($"Unknown method '{m}': use {Devise} or {Compatibility}.", nameof(options));
        foreach (var t in options.LabelTexts)
            if (t is not (Names or DescriptionTexts)) throw new ArgumentException($"Unknown label text '{t}': use {Names} or {DescriptionTexts}.", nameof(options));
        if (options.LabelTexts.Contains(DescriptionTexts) && options.Descriptions.Count != data.ClassCount)
            throw new ArgumentException($"{options.Descriptions.Count} descriptions for {data.ClassCount} classes.", nameof(options));
    }
}
