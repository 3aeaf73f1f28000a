using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Embeddings;

/// <summary>
/// Loads the bundled Fashion-MNIST for a <see cref="RunProfile"/>, splits a stratified validation set off the
/// training images, and embeds images and class-label texts through the cache (computed once, then reused by
/// every run, notebook and command).
/// </summary>
public static class FashionMnistEmbeddings
{
    public static EmbeddedData Load(RunProfile profile, EmbeddingOptions? options = null, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new EmbeddingOptions();
        log ??= TextWriter.Null;
        var cache = options.Cache ?? new EmbeddingCache { Progress = log };

        var (train, validation, test) = LoadSplits(profile, options.DataSeed);
        log.WriteLine($"data: {train.Count:N0} train, {validation.Count:N0} validation, {test.Count:N0} test images ({profile.Name} profile)");

        var (trainE, validationE, testE) = EmbedImages(train, validation, test, options, cache, cancel);

        var labelTexts = FashionMnistLabelText.ClassNames;
        var labelEmbeddings = new Dictionary<string, EmbeddingMatrix>(StringComparer.Ordinal);
        foreach (var name in options.TextEncoders)
        {
            using var textEncoder = TextEncoders.Create(name, labelTexts, log, options.Threads);
            labelEmbeddings[name] = cache.GetOrCompute(textEncoder, labelTexts, cancel);
        }
        return new EmbeddedData(profile, train.ClassNames, trainE, validationE, testE, labelTexts, labelEmbeddings, ImageEncoderLabel(options))
        {
            ImagePrecision = ImagePrecisionChoice.Resolve(options.Precision).Precision,
        };
    }

    /// <summary>The image encoder <paramref name="options"/> select once their precision is resolved: fp32 keeps
    /// <see cref="EmbeddingOptions.ImageEncoder"/>; bf16 is the TorchSharp ResNet18 in bfloat16.</summary>
    public static IImageEncoder CreateImageEncoder(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var precision = ImagePrecisionChoice.Resolve(options.Precision).Precision;
        var settings = new ImageEncoderOptions { Threads = options.Threads, Precision = precision, Device = options.Device };
        return ImageEncoders.Create(precision == ImagePrecision.BFloat16 ? ResNet18TorchEncoder.EncoderName : options.ImageEncoder, settings);
    }

    /// <summary>The spatial-token encoder that belongs with <see cref="CreateImageEncoder"/>'s pooled embeddings
    /// (<see cref="ImageEncoders.CreateSpatial"/> at <paramref name="options"/>' precision).</summary>
    public static IImageEncoder CreateSpatialEncoder(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ImageEncoders.CreateSpatial(new ImageEncoderOptions { Threads = options.Threads, Precision = options.Precision, Device = options.Device });
    }

    /// <summary>How reports name the image embeddings of <paramref name="options"/>: the encoder name, with " bf16" appended for bfloat16.</summary>
    public static string ImageEncoderLabel(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var precision = ImagePrecisionChoice.Resolve(options.Precision).Precision;
        return ImageEncoders.Label(precision == ImagePrecision.BFloat16 ? ResNet18TorchEncoder.EncoderName : options.ImageEncoder, precision);
    }

    /// <summary>Embeds the images of three splits with <paramref name="options"/>' image encoder through <paramref name="cache"/> (one encoder for all three).</summary>
    internal static (EmbeddedSplit Train, EmbeddedSplit Validation, EmbeddedSplit Test) EmbedImages(
        Dataset train, Dataset validation, Dataset test, EmbeddingOptions options, EmbeddingCache cache, CancellationToken cancel)
    {
        using var encoder = CreateImageEncoder(options);
        var precision = ImagePrecisionChoice.Resolve(options.Precision).Precision;
        // One pass only where the spatial encoder is the pooled one's own network: ONNX in fp32, TorchSharp in bf16.
        var spatialMatches = precision == ImagePrecision.BFloat16 || encoder.Name == ResNet18OnnxEncoder.EncoderName;
        if (options.SpatialTrainPerClass is not { } perClass || !spatialMatches)
        {
            EmbeddedSplit Embed(Dataset split) => new(split, cache.GetOrCompute(encoder, split, cancel));
            return (Embed(train), Embed(validation), Embed(test));
        }
        var subset = FusionSubset.Stratified(train.Labels(), validation.Labels(), train.ClassNames.Count, perClass);
        IImageEncoder? spatial = null;
        try
        {
            EmbeddedSplit EmbedOnce(Dataset split, int[]? needsTokens) // null: every image of the split
            {
                spatial ??= CreateSpatialEncoder(options);
                // The same datasets, hence cache entries, as FusionWorkbench's spatial rows.
                var tokenImages = needsTokens is null ? split : split.Select(needsTokens);
                if (cache.Contains(encoder, split))
                {
                    // Pooled rows cached by an earlier run: the tokens are still embedded now if missing, so the sections
                    // that read them find them in the cache.
                    if (!cache.Contains(spatial, tokenImages)) cache.GetOrCompute(spatial, tokenImages, cancel);
                    return new(split, cache.GetOrCompute(encoder, split, cancel));
                }
                var tokens = cache.GetOrCompute(spatial, tokenImages, cancel); // (n, 49 * 512)
                var rowOf = new Dictionary<int, int>();
                for (var r = 0; r < tokens.Rows; r++) rowOf[needsTokens is null ? r : needsTokens[r]] = r;
                return new(split, cache.GetOrCompute(encoder, split, i => rowOf.TryGetValue(i, out var r) ? SpatialPooling.Mean(tokens.Row(r), precision) : null, cancel));
            }
            return (EmbedOnce(train, subset.Train), EmbedOnce(validation, subset.Validation), EmbedOnce(test, null));
        }
        finally
        {
            spatial?.Dispose();
        }
    }

    /// <summary>The profile's train / validation / test datasets (stratified, deterministic by <paramref name="dataSeed"/>).</summary>
    public static (Dataset Train, Dataset Validation, Dataset Test) LoadSplits(RunProfile profile, int dataSeed = 0)
    {
        var train = FashionMnist.Load(FashionMnistSplit.Train);
        var test = FashionMnist.Load(FashionMnistSplit.Test);
        if (profile.TrainPerClass is { } perClass) train = StratifiedSampling.SubsetPerClass(train, perClass, dataSeed);
        if (profile.TestPerClass is { } testPerClass) test = StratifiedSampling.SubsetPerClass(test, testPerClass, dataSeed);
        var (fit, validation) = StratifiedSampling.TrainValidationSplit(train, profile.ValidationFraction, dataSeed);
        return (fit, validation, test);
    }
}
