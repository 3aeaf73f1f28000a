using System.Diagnostics;
using FusionKit.Caching;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Evaluation.Ranking;
using FusionKit.Models;
using FusionKit.Models.CrossModal;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using FusionKit.Training.Losses;
using Microsoft.Data.Analysis;
using TorchSharp;

namespace FusionKit.Experiments.Retrieval;

/// <summary>
/// The retrieval experiment on cached embeddings, repeated over the profile's seeds:
/// (a) image retrieval by classification results (the case study's last step): an image-only
/// <see cref="FusionClassifier"/> predicts each test image's class, each test image retrieves the other test images
/// predicted into the same class ranked by cosine (<see cref="ClassificationRetrieval"/>), scored against the true
/// classes (P@K, IR R@K, mAP); (b) text&lt;-&gt;image retrieval in a CLIP-style joint space trained on the training
/// images paired with text (<see cref="JointTextKind"/>), scored on the test pairs in both directions
/// (<see cref="JointRetrieval"/>: R@1/5/10, median rank, mAP). The side-text space is scored twice on the same
/// similarities, with identical titles merged into one text: with exact-text relevance (a title is relevant to the
/// images carrying exactly that title) and with class-level relevance
/// (<see cref="ClassLevelRetrieval"/>: a title is relevant to every image of the class it names; boilerplate titles
/// are not queries).
/// </summary>
public static class RetrievalExperiment
{
    /// <summary>Name of part (a)'s image-only classifier (its <see cref="RetrievalExperimentOptions.SpeedSettingOf"/>).</summary>
    public const string Classifier = "classifier";

    /// <summary>Name of part (b)'s joint embedding space (its <see cref="RetrievalExperimentOptions.SpeedSettingOf"/>).</summary>
    public const string Joint = "joint";

    /// <param name="data">Embedded train / test images and labels.</param>
    /// <param name="embedTexts">Embeds the joint space's texts (e.g. <see cref="TextEmbedding.Cached"/>); unused without joint spaces.</param>
    /// <param name="seeds">Model seeds; null = the data's profile seeds.</param>
    public static RetrievalResult Run(EmbeddedData data, TextEmbedder embedTexts, RetrievalExperimentOptions? options = null,
                                      IReadOnlyList<int>? seeds = null, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embedTexts);
        options ??= new RetrievalExperimentOptions();
        seeds ??= data.Profile.Seeds;
        if (seeds.Count == 0) throw new ArgumentException("Give at least one seed.", nameof(seeds));
        log ??= TextWriter.Null;
        TorchRuntime.EnsureReady();
        var clock = Stopwatch.StartNew();

        var classification = seeds.Select(seed => ClassifyAndRetrieve(data, options, seed, log, cancel)).ToArray();
        var first = classification[0];
        var intervals = new Dictionary<string, BootstrapInterval>(StringComparer.Ordinal)
        {
            ["mAP"] = Bootstrap.PercentileInterval(first.Rankings.Count, idx => RankingMetrics.MeanAveragePrecision(Pick(first.Rankings, idx)), options.BootstrapResamples, seed: 0),
        };
        foreach (var k in options.Ks)
            intervals[$"P@{k}"] = Bootstrap.PercentileInterval(first.Rankings.Count, idx => RankingMetrics.PrecisionAtK(Pick(first.Rankings, idx), k), options.BootstrapResamples, seed: 0);

        var joint = new Dictionary<JointTextKind, IReadOnlyList<CrossModalReport>>();
        IReadOnlyList<ClassLevelCrossModalReport>? sideTextByClass = null;
        foreach (var kind in options.JointTexts)
        {
            var runs = seeds.Select(seed => TrainJoint(data, embedTexts, options, kind, seed, log, cancel)).ToArray();
            joint[kind] = runs.Select(r => r.PerPair).ToArray();
            if (kind == JointTextKind.SideText) sideTextByClass = runs.Select(r => r.ByClass!).ToArray();
        }

        return new RetrievalResult(seeds.ToArray(), classification.Select(c => c.Accuracy).ToArray(), classification.Select(c => c.Report).ToArray(),
                                   intervals, joint, clock.Elapsed.TotalSeconds, sideTextByClass);
    }

    private sealed record SeedRetrieval(double Accuracy, ClassRetrievalReport Report, IReadOnlyList<QueryRanking> Rankings);

    private static SeedRetrieval ClassifyAndRetrieve(EmbeddedData data, RetrievalExperimentOptions options, int seed, TextWriter log, CancellationToken cancel)
    {
        using var test = FeatureSet.FromMatrices(data.Test.Images.Data, data.Test.Images.Dimension, labels: data.Test.Labels);
        using var model = TrainClassifier(data, options, seed, log, cancel);
        var predicted = model.Predict(test);
        var accuracy = ClassificationMetrics.Accuracy(data.Test.Labels, predicted);
        var rankings = ClassificationRetrieval.Retrieve(predicted, data.Test.Labels, data.Test.Images);
        var report = ClassificationRetrieval.Evaluate(rankings, options.Ks);
        log.WriteLine($"seed {seed}: image-only accuracy {accuracy:F3}; retrieval by predicted class: {report}");
        return new SeedRetrieval(accuracy, report, rankings);
    }

    /// <summary>Part (a)'s image-only classifier trained on the training images with the options' settings and <paramref name="seed"/>.</summary>
    internal static FusionClassifier TrainClassifier(EmbeddedData data, RetrievalExperimentOptions options, int seed, TextWriter? log, CancellationToken cancel)
    {
        using var train = FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
        torch.manual_seed(seed);
        var model = FusionClassifier.ImageOnly(new ClassifierHead(train.ImageDim, options.ClassifierHiddenSizes, data.ClassCount, HeadActivation.ReLU));
        try
        {
            var config = new TrainingConfig { Epochs = options.ClassifierEpochs, BatchSize = options.ClassifierBatchSize, Seed = seed, Threads = options.Threads, Device = options.Device };
            new Trainer(config) { Log = log }.Fit(model, train, cancellationToken: cancel);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Part (b)'s joint space trained on <paramref name="train"/>'s (image, text) pairs with the options' settings and <paramref name="seed"/>.</summary>
    internal static JointEmbeddingModel TrainJointSpace(FeatureSet train, RetrievalExperimentOptions options, int seed, TextWriter? log, CancellationToken cancel)
    {
        torch.manual_seed(seed);
        var model = new JointEmbeddingModel(train.ImageDim, train.TextDim!.Value, options.JointDim);
        try
        {
            var config = new TrainingConfig { Epochs = options.JointEpochs, BatchSize = options.JointBatchSize, Seed = seed, Threads = options.Threads, Device = options.Device };
            new Trainer(config) { Log = log }.Fit(model, ContrastiveBatchLoss.Instance, train, cancellationToken: cancel);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static (CrossModalReport PerPair, ClassLevelCrossModalReport? ByClass) TrainJoint(EmbeddedData data, TextEmbedder embedTexts,
        RetrievalExperimentOptions options, JointTextKind kind, int seed, TextWriter log, CancellationToken cancel)
    {
        using var train = JointPairs(data.Train, embedTexts, options, kind, options.SideTextSeed);
        using var test = JointPairs(data.Test, embedTexts, options, kind, options.SideTextSeed + 1);
        using var model = TrainJointSpace(train, options, seed, log, cancel);
        var (scores, columns) = JointRetrieval.Scores(model, test);
        var report = JointRetrieval.Evaluate(scores, columns);
        if (kind != JointTextKind.SideText)
        {
            log.WriteLine($"seed {seed}: joint space ({Describe(kind)}):{Environment.NewLine}{report}");
            return (report, null);
        }
        // Side text is grouped by exact string: column j is the j-th distinct title; its described class is that of
        // any row carrying it (the same string always names the same class).
        var described = DescribedClassPerColumn(SideTexts(data.Test, options, options.SideTextSeed + 1), columns);
        var byClass = ClassLevelRetrieval.Evaluate(scores, data.Test.Labels, described);
        log.WriteLine($"seed {seed}: joint space ({Describe(kind)}), {ExactTextRelevance}:{Environment.NewLine}{report}");
        log.WriteLine($"seed {seed}: joint space ({Describe(kind)}), {ClassLevelRelevance}:{Environment.NewLine}{byClass}");
        return (report, byClass);
    }

    /// <summary>
    /// Label of the side-text figures where a title is relevant to the images carrying exactly that title: identical
    /// titles are merged into one text (one query, one ranked item), so a copy of the query's own title never ranks
    /// ahead of it as an irrelevant item.
    /// </summary>
    public const string ExactTextRelevance = "exact-text relevance, identical titles merged";

    /// <summary>Label of the side-text figures where a title is relevant to every image of the class it names.</summary>
    public const string ClassLevelRelevance = "class-level relevance";

    /// <summary>
    /// (image, text) pairs of a split for a joint space: label-level descriptions (labels kept as text groups) or
    /// per-image side text grouped by exact string (<see cref="TextGroups.ByExactString"/>: rows with identical titles
    /// share a group, so training never treats them as each other's negatives and evaluation merges them).
    /// </summary>
    internal static FeatureSet JointPairs(EmbeddedSplit split, TextEmbedder embedTexts, RetrievalExperimentOptions options, JointTextKind kind, int sideTextSeed)
    {
        var labels = split.Labels;
        if (kind == JointTextKind.Descriptions)
        {
            var descriptions = FashionMnistLabelText.Descriptions;
            if (labels.Any(l => l >= descriptions.Count))
                throw new ArgumentException($"Label descriptions cover {descriptions.Count} classes; split '{split.Dataset.Name}' has label {labels.Max()}.", nameof(split));
            var table = Checked(embedTexts(options.JointTextEncoder, descriptions), descriptions.Count, options.JointTextEncoder);
            var text = new float[labels.Length * table.Dimension];
            for (var i = 0; i < labels.Length; i++) table.Row(labels[i]).CopyTo(text.AsSpan(i * table.Dimension));
            return FeatureSet.FromMatrices(split.Images.Data, split.Images.Dimension, text, table.Dimension, labels);
        }
        var titles = SideTexts(split, options, sideTextSeed).Select(t => t.Text).ToArray();
        var embedded = Checked(embedTexts(options.JointTextEncoder, titles), titles.Length, options.JointTextEncoder);
        return FeatureSet.FromMatrices(split.Images.Data, split.Images.Dimension, embedded.Data, embedded.Dimension, TextGroups.ByExactString(titles));
    }

    /// <summary>The class each text column names (−1 for none), from the rows' side texts and their columns.</summary>
    /// <exception cref="InvalidOperationException">Two rows with the same column name different classes.</exception>
    internal static int[] DescribedClassPerColumn(IReadOnlyList<SideText> rows, IReadOnlyList<int> columns)
    {
        var described = new int?[columns.Count == 0 ? 0 : columns.Max() + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            if (described[columns[i]] is { } c && c != rows[i].DescribedClass)
                throw new InvalidOperationException($"The title '{rows[i].Text}' names class {c} in one row and {rows[i].DescribedClass} in row {i}.");
            described[columns[i]] = rows[i].DescribedClass;
        }
        return described.Select(c => c ?? -1).ToArray();
    }

    /// <summary>The simulated side text of a split's images, row for row (the same text <see cref="JointPairs"/> embeds).</summary>
    internal static IReadOnlyList<SideText> SideTexts(EmbeddedSplit split, RetrievalExperimentOptions options, int sideTextSeed) =>
        SideTextGenerator.Generate(split.Labels, options.SideTextReliability, sideTextSeed);

    internal static string Describe(JointTextKind kind) => kind == JointTextKind.Descriptions ? "label descriptions" : "simulated side text";

    /// <summary>The source of <paramref name="kind"/>'s text: label descriptions are label text, the side text is simulated.</summary>
    internal static TextSource SourceOf(JointTextKind kind) => kind == JointTextKind.Descriptions ? TextSource.Label : TextSource.Simulated;

    private static EmbeddingMatrix Checked(EmbeddingMatrix matrix, int rows, string encoder) =>
        matrix.Rows == rows ? matrix : throw new InvalidOperationException($"Text embedder '{encoder}' returned {matrix.Rows} rows for {rows} texts.");

    private static QueryRanking[] Pick(IReadOnlyList<QueryRanking> rankings, int[] indices) => Array.ConvertAll(indices, i => rankings[i]);
}
