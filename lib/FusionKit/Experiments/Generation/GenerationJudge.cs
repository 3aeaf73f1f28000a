using System.Diagnostics;
using System.Globalization;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Evaluation.Generative;
using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using FusionKit.Vision;
using TorchSharp;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// Measures images drawn by a class- or text-conditioned generator against a run profile's real Fashion-MNIST
/// images, in the kit's ResNet18 feature space (<see cref="GenerationScores"/>):
/// <list type="bullet">
/// <item><b>conditional accuracy</b>: the kit's image-only classifier, trained on the real training images, classifies
/// the generated images; the share (per intended class and overall) that lands in the intended class;</item>
/// <item><b><see cref="FrechetDistanceName"/></b> (Heusel et al. 2017, <see cref="FrechetDistance"/>) to as many real
/// test images: a ResNet18 feature distance, not Inception FID, and not comparable with published FID numbers;</item>
/// <item><b>precision and recall</b> (Kynkäänniemi et al. 2019, <see cref="ManifoldPrecisionRecall"/>) against as many
/// real test images: quality and diversity apart, mode collapse shows as low recall;</item>
/// <item><b>classification accuracy score</b> (Ravuri and Vinyals 2019): the same image-only classifier trained only on
/// the generated images and their intended labels, tested on every real test image.</item>
/// </list>
/// Every comparison uses <see cref="SampleSize"/> images on each side (<see cref="PerClass"/> per class); the same
/// measures of three reference sets (<see cref="Reference"/>: real held-out images, the same with class-shuffled
/// labels, uniform noise) are computed once per judge, so a generator's figures can be read between a floor and a
/// ceiling. The judge's classifier is trained once per profile, seed and settings and cached (written atomically).
/// </summary>
public sealed class GenerationJudge : IDisposable
{
    /// <summary>The name of the Fréchet distance wherever it is shown: the feature space is the kit's ResNet18, not Inception-v3.</summary>
    public const string FrechetDistanceName = "Fréchet distance (ResNet18 features)";

    /// <summary>Default <see cref="GenerationScores.Source"/> of <see cref="Score"/>.</summary>
    public const string GeneratedName = "generated";

    private readonly EmbeddedData _data;
    private readonly IImageEncoder _encoder;
    private readonly FusionClassifier _classifier;
    private readonly GenerationJudgeOptions _options;
    private readonly EmbeddingMatrix _realTestSample;  // (N, D)
    private readonly TextWriter _log;
    private readonly RawImage _referenceImage;

    private GenerationJudge(EmbeddedData data, IImageEncoder encoder, FusionClassifier classifier, GenerationJudgeOptions options, int seed,
                            int perClass, string classifierPath, bool classifierFromCache, TextWriter log)
    {
        _data = data;
        _encoder = encoder;
        _classifier = classifier;
        _options = options;
        _log = log;
        _referenceImage = data.Train.Dataset.Samples[0].Image;
        Seed = seed;
        PerClass = perClass;
        ClassifierPath = classifierPath;
        ClassifierFromCache = classifierFromCache;
        IntendedLabels = Enumerable.Range(0, perClass * data.ClassCount).Select(i => i % data.ClassCount).ToArray();
        _realTestSample = data.Test.Images.Select(StratifiedSampling.SubsetIndicesPerClass(data.Test.Labels, data.ClassCount, perClass, seed));
        using var test = FeatureSet.FromMatrices(data.Test.Images.Data, data.Test.Images.Dimension, labels: data.Test.Labels);
        ClassifierTestAccuracy = ClassificationMetrics.Accuracy(data.Test.Labels, classifier.Predict(test));
    }

    /// <summary>The seed of the judge's classifier, of its real samples and of its references.</summary>
    public int Seed { get; }

    /// <summary>Images per class in every comparison (<see cref="GenerationJudgeOptions.PerClass"/>, or fewer where the profile has fewer).</summary>
    public int PerClass { get; }

    /// <summary>Images in every comparison: <see cref="PerClass"/> x classes generated images against as many real ones. State it with every figure.</summary>
    public int SampleSize => IntendedLabels.Count;

    /// <summary>The labels to generate for, in this order (class-balanced: <see cref="PerClass"/> of each); <see cref="Score"/> accepts any order with these counts.</summary>
    public IReadOnlyList<int> IntendedLabels { get; }

    /// <summary>Class names (index = label).</summary>
    public IReadOnlyList<string> ClassNames => _data.ClassNames;

    /// <summary>The profile the real images come from.</summary>
    public RunProfile Profile => _data.Profile;

    /// <summary>Accuracy of the judge's classifier on every real test image: how far its verdicts can be trusted.</summary>
    public double ClassifierTestAccuracy { get; }

    /// <summary>Where the judge's classifier weights are cached.</summary>
    public string ClassifierPath { get; }

    /// <summary>Whether the classifier was read from the cache rather than trained now.</summary>
    public bool ClassifierFromCache { get; }

    /// <summary>Real, class-shuffled and noise reference scores, at <see cref="SampleSize"/>.</summary>
    public GenerationReference Reference { get; private set; } = null!;

    /// <summary>
    /// A judge for <paramref name="profile"/>'s Fashion-MNIST: loads the profile's cached embeddings (embedding what is
    /// missing), loads or trains the image-only classifier, and computes the references.
    /// </summary>
    /// <param name="profile">Which real images (training split for the classifier, validation for the real reference, test for every comparison).</param>
    /// <param name="seed">Seeds the classifier, the real samples and the references; use each of the profile's seeds for mean ± std.</param>
    /// <param name="options">Settings; null = the defaults.</param>
    /// <param name="log">Progress lines; null = silent.</param>
    /// <param name="cancel">Stops embedding or training between batches.</param>
    /// <exception cref="ArgumentException">A setting out of range, or too few real images per class (named).</exception>
    public static GenerationJudge Create(RunProfile profile, int seed, GenerationJudgeOptions? options = null, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new GenerationJudgeOptions();
        options.Validate();
        log ??= TextWriter.Null;
        var embedding = new EmbeddingOptions { ImageEncoder = options.ImageEncoder, TextEncoders = [], Threads = options.Threads, Cache = options.Cache };
        var data = FashionMnistEmbeddings.Load(profile, embedding, log, cancel);
        var encoder = FashionMnistEmbeddings.CreateImageEncoder(embedding);
        try
        {
            return Create(data, encoder, seed, options, log, cancel);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A judge over already embedded real data and the encoder that embedded it (which the judge owns and disposes).
    /// </summary>
    /// <exception cref="ArgumentException">An encoder other than the data's, a setting out of range, or too few real images per class (named).</exception>
    public static GenerationJudge Create(EmbeddedData data, IImageEncoder encoder, int seed, GenerationJudgeOptions? options = null,
                                         TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoder);
        options ??= new GenerationJudgeOptions();
        options.Validate();
        log ??= TextWriter.Null;
        if (ImageEncoders.Label(encoder) != data.ImageEncoder || encoder.Dimension != data.Train.Images.Dimension)
            throw new ArgumentException(
                $"The real images were embedded with {data.ImageEncoder} ({data.Train.Images.Dimension}-d) but the judge's encoder is {ImageEncoders.Label(encoder)} ({encoder.Dimension}-d); generated and real images must share one feature space.",
                nameof(encoder));
        var perClass = Math.Min(options.PerClass, Math.Min(SmallestClass(data.Validation, data.ClassCount), SmallestClass(data.Test, data.ClassCount)));
        if (perClass < 2)
            throw new ArgumentException(
                $"The {data.Profile.Name} profile has only {perClass} held-out training or test image(s) in some class; the judge needs at least 2 per class.", nameof(data));
        if (perClass < options.PerClass)
            log.WriteLine($"generation judge: the {data.Profile.Name} profile has {perClass} held-out images per class, fewer than {options.PerClass}: comparing {perClass} per class.");
        TorchRuntime.EnsureReady();
        var clock = Stopwatch.StartNew();
        using var threads = TorchThreadScope.Use(options.TorchThreads);
        var (classifier, path, fromCache) = LoadOrTrainClassifier(data, seed, options, log, cancel);
        try
        {
            var judge = new GenerationJudge(data, encoder, classifier, options, seed, perClass, path, fromCache, log);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generation judge: classifier accuracy on {data.Test.Count:N0} real test images {judge.ClassifierTestAccuracy:F3}; comparing {judge.SampleSize:N0} images ({perClass} per class)"));
            judge.Reference = judge.ComputeReference(cancel);
            foreach (var reference in judge.Reference.All) log.WriteLine($"generation judge: {reference}");
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generation judge: ready in {clock.Elapsed.TotalSeconds:F1} s"));
            return judge;
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores generated images: embeds them with the judge's encoder and measures them (<see cref="ScoreFeatures"/>).
    /// </summary>
    /// <param name="generated">Images of the real images' size and channels (28x28 grayscale for Fashion-MNIST), <see cref="SampleSize"/> of them.</param>
    /// <param name="intendedLabels">The class each image was generated for, row for row: <see cref="PerClass"/> of each class (e.g.
    /// <see cref="IntendedLabels"/>); null for an unconditional generator, whose conditional accuracy and classification
    /// accuracy score are then NaN (undefined) while the Fréchet distance and precision/recall are measured as usual.</param>
    /// <param name="source">Name of what is scored, carried into the result and tables.</param>
    /// <param name="cancel">Stops embedding or training between batches.</param>
    /// <exception cref="ArgumentException">A count, image size or label distribution that differs from the judge's (named, with what to do).</exception>
    public GenerationScores Score(IReadOnlyList<RawImage> generated, IReadOnlyList<int>? intendedLabels, string source = GeneratedName, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(generated);
        CheckLabels(intendedLabels, generated.Count);
        for (var i = 0; i < generated.Count; i++)
        {
            var image = generated[i] ?? throw new ArgumentException($"Generated image {i} is null.", nameof(generated));
            if (image.Width != _referenceImage.Width || image.Height != _referenceImage.Height || image.Channels != _referenceImage.Channels)
                throw new ArgumentException(
                    $"Generated image {i} is {image.Width}x{image.Height}x{image.Channels}; the real images are {_referenceImage.Width}x{_referenceImage.Height}x{_referenceImage.Channels}. Generate at the real images' size so both go through the same preprocessing.",
                    nameof(generated));
        }
        return ScoreFeatures(Embed(generated, cancel), intendedLabels, source, cancel);
    }

    /// <summary>
    /// Scores images already embedded with the judge's encoder (rows of <see cref="Embed"/>): conditional accuracy,
    /// <see cref="FrechetDistanceName"/>, precision/recall and the classification accuracy score.
    /// </summary>
    /// <exception cref="ArgumentException">A count, dimension, non-finite value or label distribution that differs from the judge's (named).</exception>
    public GenerationScores ScoreFeatures(EmbeddingMatrix features, IReadOnlyList<int>? intendedLabels, string source = GeneratedName, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        CheckLabels(intendedLabels, features.Rows);
        if (features.Dimension != _realTestSample.Dimension)
            throw new ArgumentException($"The features have {features.Dimension} values per row; the judge's feature space has {_realTestSample.Dimension}. Embed the images with the judge (Embed).", nameof(features));
        using var threads = TorchThreadScope.Use(_options.TorchThreads);
        var frechet = FrechetDistance.Compute(features, _realTestSample);
        var precisionRecall = ManifoldPrecisionRecall.Compute(_realTestSample, features, _options.PrecisionRecallK, cancel: cancel);
        if (intendedLabels is null)
            return new GenerationScores(source, features.Rows, double.NaN, Enumerable.Repeat(double.NaN, _data.ClassCount).ToArray(), frechet, precisionRecall, double.NaN);
        var labels = intendedLabels.ToArray();
        using var set = FeatureSet.FromMatrices(features.Data, features.Dimension, labels: labels);
        var predicted = _classifier.Predict(set);
        var perClass = ClassificationReport.Compute(labels, predicted, ClassNames, ZeroDivision.Zero).Classes.Select(c => c.Recall).ToArray();
        var cas = ClassificationAccuracyScore(set, cancel);
        return new GenerationScores(source, features.Rows, ClassificationMetrics.Accuracy(labels, predicted), perClass, frechet, precisionRecall, cas);
    }

    /// <summary>Embeds images with the judge's encoder (the one the real images were embedded with), showing progress.</summary>
    /// <exception cref="InvalidOperationException">The encoder returned vectors of another count or length.</exception>
    public EmbeddingMatrix Embed(IReadOnlyList<RawImage> images, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var dimension = _encoder.Dimension;
        var data = new float[images.Count * dimension];
        var progress = new ProgressLog(_log, $"embedding {images.Count:N0} generated images with {_encoder.Name}", images.Count, "images");
        const int batch = 32;
        for (var start = 0; start < images.Count; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            var count = Math.Min(batch, images.Count - start);
            var vectors = _encoder.Encode(images.Skip(start).Take(count).ToArray());
            if (vectors.Length != count) throw new InvalidOperationException($"{_encoder.Name} returned {vectors.Length} vectors for {count} images.");
            for (var i = 0; i < count; i++)
            {
                if (vectors[i].Length != dimension) throw new InvalidOperationException($"{_encoder.Name} returned a {vectors[i].Length}-d vector, expected {dimension}.");
                vectors[i].CopyTo(data, (start + i) * dimension);
            }
            progress.Report(start + count);
        }
        return new EmbeddingMatrix(images.Count, dimension, data);
    }

    public void Dispose()
    {
        _classifier.Dispose();
        _encoder.Dispose();
    }

    /// <summary>The three reference sets, scored exactly as generated images are.</summary>
    private GenerationReference ComputeReference(CancellationToken cancel)
    {
        var heldOut = _data.Validation;
        var indices = StratifiedSampling.SubsetIndicesPerClass(heldOut.Labels, _data.ClassCount, PerClass, Seed);
        var realFeatures = heldOut.Images.Select(indices);
        var realLabels = indices.Select(i => heldOut.Labels[i]).ToArray();
        var real = ScoreFeatures(realFeatures, realLabels, GenerationReference.RealName, cancel);

        var shuffled = realLabels.ToArray();
        new SplitMix64(Seed).Shuffle(shuffled.AsSpan());
        var classShuffled = ScoreFeatures(realFeatures, shuffled, GenerationReference.ClassShuffledName, cancel);

        var noise = ScoreFeatures(NoiseFeatures(cancel), IntendedLabels, GenerationReference.NoiseName, cancel);
        return new GenerationReference(real, classShuffled, noise);
    }

    /// <summary>Seed of the noise reference's images: the same images for every judge seed, so they are embedded once per machine.</summary>
    private const int NoiseSeed = 0;

    /// <summary>Uniform-noise images of the real images' shape (the same for every seed), embedded once through the embedding cache.</summary>
    private EmbeddingMatrix NoiseFeatures(CancellationToken cancel)
    {
        var random = new SplitMix64(NoiseSeed);
        var (width, height, channels) = (_referenceImage.Width, _referenceImage.Height, _referenceImage.Channels);
        var samples = IntendedLabels.Select((label, i) =>
        {
            var pixels = new byte[width * height * channels];
            for (var p = 0; p < pixels.Length; p++) pixels[p] = (byte)random.NextInt(256);
            return new Sample($"noise-{i}", new RawImage(width, height, channels, pixels), label);
        }).ToArray();
        var fingerprint = string.Create(CultureInfo.InvariantCulture, $"uniform-noise v1 splitmix64 seed={NoiseSeed} n={samples.Length} {width}x{height}x{channels}");
        var noise = new Dataset("generation-noise", ClassNames, samples, fingerprint);
        var cache = _options.Cache ?? new EmbeddingCache { Progress = _log };
        return cache.GetOrCompute(_encoder, noise, cancel);
    }

    /// <summary>Ravuri and Vinyals' score: a fresh image-only classifier trained on <paramref name="train"/> only, accuracy on every real test image.</summary>
    private double ClassificationAccuracyScore(FeatureSet train, CancellationToken cancel)
    {
        using var test = FeatureSet.FromMatrices(_data.Test.Images.Data, _data.Test.Images.Dimension, labels: _data.Test.Labels);
        torch.manual_seed(Seed);
        using var model = NewClassifier(_data, _options);
        var config = new TrainingConfig { Epochs = _options.ScoreClassifierEpochs, BatchSize = _options.BatchSize, Seed = Seed, Threads = _options.TorchThreads };
        new Trainer(config).Fit(model, train, cancellationToken: cancel);
        return ClassificationMetrics.Accuracy(_data.Test.Labels, model.Predict(test));
    }

    private void CheckLabels(IReadOnlyList<int>? intendedLabels, int rows)
    {
        if (rows != SampleSize || (intendedLabels is not null && intendedLabels.Count != SampleSize))
            throw new ArgumentException(
                $"The judge compares {SampleSize} images ({PerClass} per class) with as many real ones, but got {rows} images{(intendedLabels is null ? "" : $" and {intendedLabels.Count} labels")}; generate one image per entry of IntendedLabels.",
                nameof(intendedLabels));
        if (intendedLabels is null) return;
        var counts = new int[_data.ClassCount];
        for (var i = 0; i < intendedLabels.Count; i++)
        {
            var label = intendedLabels[i];
            if (label < 0 || label >= counts.Length)
                throw new ArgumentException($"Intended label {i} is {label}; the classes are 0..{counts.Length - 1}.", nameof(intendedLabels));
            counts[label]++;
        }
        var uneven = Array.FindIndex(counts, c => c != PerClass);
        if (uneven >= 0)
            throw new ArgumentException(
                $"Class {uneven} ({ClassNames[uneven]}) is intended {counts[uneven]} times; the judge compares {PerClass} per class with class-balanced real images. Generate one image per entry of IntendedLabels.",
                nameof(intendedLabels));
    }

    private static FusionClassifier NewClassifier(EmbeddedData data, GenerationJudgeOptions options) =>
        FusionClassifier.ImageOnly(new ClassifierHead(data.Train.Images.Dimension, options.HiddenSizes, data.ClassCount, HeadActivation.ReLU));

    /// <summary>The image-only classifier trained on the real training images, from the cache when one with the same data and settings exists.</summary>
    private static (FusionClassifier Model, string Path, bool FromCache) LoadOrTrainClassifier(EmbeddedData data, int seed, GenerationJudgeOptions options, TextWriter log, CancellationToken cancel)
    {
        var key = string.Join('\n',
            "generation-judge classifier v1", data.ImageEncoder, data.Train.Dataset.Fingerprint, data.Train.Count.ToString(CultureInfo.InvariantCulture),
            seed.ToString(CultureInfo.InvariantCulture), string.Join(',', options.HiddenSizes), options.ClassifierEpochs.ToString(CultureInfo.InvariantCulture),
            options.BatchSize.ToString(CultureInfo.InvariantCulture));
        var folder = options.CacheDirectory ?? Path.Combine(KitPaths.CacheDirectory(), "generation-judges");
        var path = Path.Combine(folder, $"{data.Profile.Name}-seed{seed}-{Hashing.Sha256Hex(key)[..16]}.fkm");
        torch.manual_seed(seed);
        var model = NewClassifier(data, options);
        try
        {
            if (File.Exists(path))
            {
                ModelFiles.Load(model, path);
                log.WriteLine($"generation judge: classifier {path} (cached)");
                return (model, path, true);
            }
            log.WriteLine($"generation judge: training the image-only classifier on {data.Train.Count:N0} real training images ({options.ClassifierEpochs} epochs)");
            using var train = FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
            var config = new TrainingConfig { Epochs = options.ClassifierEpochs, BatchSize = options.BatchSize, Seed = seed, Threads = options.TorchThreads };
            new Trainer(config) { Log = log }.Fit(model, train, cancellationToken: cancel);
            ModelFiles.Save(model, path);
            log.WriteLine($"generation judge: classifier saved to {path}");
            return (model, path, false);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static int SmallestClass(EmbeddedSplit split, int classCount)
    {
        var counts = new int[classCount];
        foreach (var label in split.Labels) counts[label]++;
        return counts.Min();
    }
}
