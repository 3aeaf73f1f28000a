using FusionKit.Caching;
using FusionKit.Data;

namespace FusionKit.Experiments;

/// <summary>
/// Data of one's own for the fusion experiments: a manifest (image, text, label; <see cref="ManifestDataset"/>)
/// split by class into train / validation / test and its images embedded through the cache, ready for
/// <see cref="FusionWorkbench.OpenManifest"/>. The text column is the data's own side text.
/// </summary>
public static class ManifestEmbeddings
{
    /// <summary>The profile a manifest's data runs under: the whole manifest, three seeds.</summary>
    public static RunProfile Profile(double validationFraction) => new("manifest", null, null, validationFraction, [0, 1, 2]);

    /// <summary>Loads, splits (stratified by <paramref name="dataSeed"/>) and embeds the manifest's images.</summary>
    /// <param name="testFraction">Share of each class held out for testing.</param>
    /// <param name="validationFraction">Share of the remaining images of each class held out for validation.</param>
    /// <exception cref="InvalidDataException">A bad row (file and line named), or a row without text (named).</exception>
    /// <exception cref="ArgumentException">Fractions that leave a split empty.</exception>
    public static EmbeddedData Load(string manifestPath, double testFraction = 0.2, double validationFraction = 0.1, int dataSeed = 0,
                                    EmbeddingOptions? options = null, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestPath);
        options ??= new EmbeddingOptions();
        log ??= TextWriter.Null;
        var dataset = ManifestDataset.Load(manifestPath).Dataset;
        if (dataset.Samples.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Text)) is { } untexted)
            throw new InvalidDataException($"{Path.GetFullPath(manifestPath)}: the row of image '{untexted.Id}' has no text; fusion with the data's own text needs text on every row.");
        var (rest, test) = StratifiedSampling.TrainValidationSplit(dataset, testFraction, dataSeed);
        var (train, validation) = StratifiedSampling.TrainValidationSplit(rest, validationFraction, dataSeed);
        log.WriteLine($"data: {train.Count:N0} train, {validation.Count:N0} validation, {test.Count:N0} test images from {manifestPath}");

        var cache = options.Cache ?? new EmbeddingCache { Progress = log };
        var (trainE, validationE, testE) = FashionMnistEmbeddings.EmbedImages(train, validation, test, options, cache, cancel);
        return new EmbeddedData(Profile(validationFraction), dataset.ClassNames, trainE, validationE, testE,
                                dataset.ClassNames, new Dictionary<string, EmbeddingMatrix>(), FashionMnistEmbeddings.ImageEncoderLabel(options));
    }
}
