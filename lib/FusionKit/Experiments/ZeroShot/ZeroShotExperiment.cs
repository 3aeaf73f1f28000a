using System.Diagnostics;
using FusionKit.Embeddings;
using FusionKit.Evaluation.ZeroShot;
using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using TorchSharp;

namespace FusionKit.Experiments.ZeroShot;

/// <summary>
/// The zero-shot experiment on cached embeddings: for each class split (the fixed Fashion-MNIST split and a
/// random split drawn per seed), each method (DeViSE's linear map, the compatibility model), each label-embedding
/// encoder (word vectors, MiniLM) and each label text (bare names, descriptions), train on the seen classes'
/// training images only and report conventional ZSL accuracy (unseen among unseen) and generalized S, U, H
/// (<see cref="ZeroShotEvaluation"/>), mean ± std over the seeds.
/// <para>Two remedies for the seen-class bias of generalized ZSL (Chao et al., ECCV 2016) come with each setting:
/// AUSUC, the area under the seen-unseen accuracy curve over every calibration γ (calibration-free, nothing is tuned);
/// and calibrated stacking, whose γ is chosen on validation only (<see cref="ChooseGamma"/>, protocol in
/// <see cref="GzslValidationSplit"/>: a second model of the same method and seed trains on part of the seen classes,
/// the data's validation images of the seen classes pick the γ of best H) and is then subtracted from the seen-class
/// test scores of the model trained on all seen classes. Test images and labels never reach the choice of γ.</para>
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
    /// <param name="embedTexts">Embeds label texts with a named encoder (e.g. <see cref="TextEmbedding.Cached"/>).</param>
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
        using var validation = FeatureSet.FromMatrices(data.Validation.Images.Data, data.Validation.Images.Dimension, labels: data.Validation.Labels);
        using var testImages = torch.tensor(data.Test.Images.Data, data.Test.Count, data.Test.Images.Dimension);
        var rows = new List<ZeroShotRow>();
        foreach (var encoder in options.LabelEncoders)
            foreach (var text in options.LabelTexts)
            {
                var labels = LabelEmbeddings(data, embedTexts, options, encoder, text);
                foreach (var splitName in options.Splits)
                    foreach (var method in options.Methods)
                    {
                        var reports = new List<ZeroShotReport>();
                        var calibrated = new List<CalibratedStackingReport>();
                        foreach (var seed in seeds)
                        {
                            var split = SplitFor(splitName, data.ClassCount, options.RandomUnseenCount, seed);
                            var scores = TrainAndScore(method, train, testImages, labels, split, options, seed, cancel);
                            var report = ZeroShotEvaluation.Evaluate(scores, data.Test.Labels, split);
                            var (validationSplit, choice) = ChooseGamma(method, train, validation, labels, split, options, seed, cancel);
                            var calibration = CalibratedStackingReport.Evaluate(scores, data.Test.Labels, split, validationSplit, choice);
                            log.WriteLine($"{splitName} split ({split}), {method}, {encoder} {text}, seed {seed}: {report}; {calibration}");
                            reports.Add(report);
                            calibrated.Add(calibration);
                        }
                        rows.Add(new ZeroShotRow(splitName, method, encoder, text, reports, calibrated));
                    }
            }
        return new ZeroShotResult(seeds.ToArray(), rows, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The seen-unseen accuracy curve (<see cref="CalibratedStacking.Curve"/>) on the test images of one setting and
    /// seed, its model trained exactly as in <see cref="Run"/>; its <see cref="SeenUnseenCurve.Area"/> is that seed's AUSUC.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown split, method or label-text name (named).</exception>
    public static SeenUnseenCurve Curve(EmbeddedData data, TextEmbedder embedTexts, string split, string method, string labelEncoder, string labelText,
                                        int seed, ZeroShotExperimentOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embedTexts);
        options = (options ?? new ZeroShotExperimentOptions()) with { Splits = [split], Methods = [method], LabelEncoders = [labelEncoder], LabelTexts = [labelText] };
        Check(options, data);
        TorchRuntime.EnsureReady();
        using var train = FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
        using var testImages = torch.tensor(data.Test.Images.Data, data.Test.Count, data.Test.Images.Dimension);
        var classSplit = SplitFor(split, data.ClassCount, options.RandomUnseenCount, seed);
        var scores = TrainAndScore(method, train, testImages, LabelEmbeddings(data, embedTexts, options, labelEncoder, labelText), classSplit, options, seed, cancel);
        return CalibratedStacking.Curve(scores, data.Test.Labels, classSplit);
    }

    /// <summary>The split called <paramref name="name"/>: "fixed" (<see cref="ClassSplit.FashionMnist"/>, 10 classes only) or "random" by seed.</summary>
    public static ClassSplit SplitFor(string name, int classCount, int randomUnseenCount, int seed) => name switch
    {
        FixedSplit when classCount == ClassSplit.FashionMnist.ClassCount => ClassSplit.FashionMnist,
        FixedSplit => throw new ArgumentException($"The fixed split is Fashion-MNIST's ({ClassSplit.FashionMnist.ClassCount} classes); the data has {classCount}.", nameof(classCount)),
        RandomSplit => ClassSplit.Random(classCount, randomUnseenCount, seed),
        _ => throw new ArgumentException($"Unknown split '{name}': use {FixedSplit} or {RandomSplit}.", nameof(name)),
    };

    /// <summary>
    /// Calibrated stacking's γ for one setting, from training and validation images only (<see cref="GzslValidationSplit"/>):
    /// holds out some of <paramref name="split"/>'s seen classes (drawn by <paramref name="seed"/>), trains the method
    /// with the same settings and seed on the training rows of the other seen classes, scores the validation rows of
    /// all seen classes against the seen labels and returns the stretch of γ with the best H there.
    /// </summary>
    /// <param name="train">Training images with labels over all C classes (rows of unseen classes are ignored).</param>
    /// <param name="validation">Validation images with labels, disjoint from <paramref name="train"/> (rows of unseen classes are ignored).</param>
    /// <param name="labels">Label embeddings of all C classes; only the seen classes' are read.</param>
    public static (GzslValidationSplit Split, SeenUnseenPoint Choice) ChooseGamma(string method, FeatureSet train, FeatureSet validation, float[][] labels,
                                                                                ClassSplit split, ZeroShotExperimentOptions options, int seed,
                                                                                CancellationToken cancel = default)
    {
        var (validationSplit, scores, positions) = ValidationScores(method, train, validation, labels, split, options, seed, cancel);
        return (validationSplit, CalibratedStacking.ChooseGamma(scores, positions, validationSplit.Split));
    }

    /// <summary>
    /// The calibration protocol's validation scores (<see cref="ChooseGamma"/>): the model of <paramref name="method"/>
    /// trained on the training rows of the seen classes not held out, scoring the validation rows of every seen class
    /// against the seen labels; with the held-out split and each validation row's position in it.
    /// </summary>
    public static (GzslValidationSplit Split, float[][] Scores, int[] Positions) ValidationScores(string method, FeatureSet train, FeatureSet validation, float[][] labels,
                                                                                              ClassSplit split, ZeroShotExperimentOptions options, int seed,
                                                                                              CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        var validationSplit = GzslValidationSplit.Create(split, options.ValidationUnseenCount, seed);
        var (trainRows, trainPositions) = validationSplit.Restrict(train.LabelArray ?? throw new ArgumentException("The training set has no labels.", nameof(train)));
        var (validationRows, validationPositions) = validationSplit.Restrict(validation.LabelArray ?? throw new ArgumentException("The validation set has no labels.", nameof(validation)));
        foreach (var p in Enumerable.Range(0, validationSplit.Classes.Count))
            if (!validationPositions.Contains(p))
                throw new ArgumentException($"The validation set has no image of seen class {validationSplit.Classes[p]}; calibration needs every seen class.", nameof(validation));
        using var trainIndex = torch.tensor(trainRows);
        using var validationIndex = torch.tensor(validationRows);
        using var calibrationTrain = FeatureSet.FromTensors(train.Image.index_select(0, trainIndex), null, torch.tensor(trainPositions.Select(p => (long)p).ToArray()));
        using var validationImages = validation.Image.index_select(0, validationIndex);                        // (N_val, D_img)
        var scores = TrainAndScore(method, calibrationTrain, validationImages, validationSplit.Labels(labels), validationSplit.Split, options, seed, cancel);
        return (validationSplit, scores, validationPositions);
    }

    private static float[][] TrainAndScore(string method, FeatureSet train, torch.Tensor testImages, float[][] labels, ClassSplit split,
                                           ZeroShotExperimentOptions options, int seed, CancellationToken cancel)
    {
        if (method == Devise)
        {
            torch.manual_seed(seed);
            using var devise = new DeviseModel(train.ImageDim, labels[0].Length);
            var config = new TrainingConfig { Epochs = options.DeviseEpochs, BatchSize = options.DeviseBatchSize, Seed = seed, Threads = options.Threads, Device = options.Device };
            ZeroShotTraining.TrainDevise(devise, train, labels, split, config, cancellationToken: cancel);
            return ZeroShotTraining.Scores(devise, testImages, labels);
        }
        var compatibilityConfig = new TrainingConfig { Epochs = options.CompatibilityEpochs, BatchSize = options.CompatibilityBatchSize, Seed = seed, Threads = options.Threads, Device = options.Device };
        var (model, _) = ZeroShotTraining.TrainCompatibility(train, labels, split, options.CompatibilityHiddenSizes, compatibilityConfig, cancellationToken: cancel);
        using (model) return ZeroShotTraining.Scores(model, testImages, labels);
    }

    internal static float[][] LabelEmbeddings(EmbeddedData data, TextEmbedder embedTexts, ZeroShotExperimentOptions options, string encoder, string text)
    {
        var texts = text == Names ? data.ClassNames : options.Descriptions;
        var labels = embedTexts(encoder, texts).ToJagged();
        if (labels.Length != data.ClassCount)
            throw new InvalidOperationException($"Text embedder '{encoder}' returned {labels.Length} label embeddings for {data.ClassCount} classes.");
        return labels;
    }

    internal static void Check(ZeroShotExperimentOptions options, EmbeddedData data)
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
