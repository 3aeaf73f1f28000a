using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Data.Manifest;
using FusionKit.Vision;

namespace FusionKit.Embeddings;

/// <summary>
/// Data of one's own for the fusion experiments: a manifest (image, text, label; <see cref="ManifestDataset"/>)
/// split by class into train / validation / test and its images embedded through the cache, ready for
/// <c>FusionWorkbench.OpenManifest</c>. The text column is the data's own side text.
/// </summary>
public static class ManifestEmbeddings
{
    /// <summary>The profile a manifest's data runs under: the whole manifest, three seeds.</summary>
    public static RunProfile Profile(double validationFraction) => new("manifest", null, null, validationFraction, [0, 1, 2]);

    /// <summary>The fewest images a class needs: one for training and one for test (validation takes one from classes of 3 or more).</summary>
    public const int MinimumPerClass = 2;

    /// <summary>
    /// Loads, splits (stratified by <paramref name="dataSeed"/>) and embeds the manifest's images. Before splitting,
    /// every class must have <see cref="MinimumPerClass"/> images and one class at least 3 (for a validation
    /// image); otherwise the load stops with one sentence naming the class, its count and what to do. Tiny data
    /// falls back, and says so in <paramref name="log"/>: a class whose test or validation fraction rounds to no
    /// image gives one image to that split when it keeps one for training; a class of 2 has no validation image.
    /// </summary>
    /// <param name="testFraction">Share of each class held out for testing.</param>
    /// <param name="validationFraction">Share of the remaining images of each class held out for validation.</param>
    /// <param name="badRows">What to do with a bad manifest row: stop naming it (default) or skip and list it in <paramref name="log"/>.</param>
    /// <exception cref="InvalidDataException">A bad row (file and line named), a row without text (named), or a class too small to split.</exception>
    /// <exception cref="ArgumentException">Fractions outside (0, 1).</exception>
    public static EmbeddedData Load(string manifestPath, double testFraction = 0.2, double validationFraction = 0.1, int dataSeed = 0,
                                    EmbeddingOptions? options = null, TextWriter? log = null, CancellationToken cancel = default,
                                    BadRowPolicy badRows = BadRowPolicy.Fail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestPath);
        options ??= new EmbeddingOptions();
        log ??= TextWriter.Null;
        var loaded = ManifestDataset.Load(manifestPath, new ManifestLoadOptions { Policy = badRows });
        foreach (var skipped in loaded.Skipped) log.WriteLine("skipped " + skipped);
        var dataset = loaded.Dataset;
        if (dataset.Samples.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Text)) is { } untexted)
            throw new InvalidDataException($"{Path.GetFullPath(manifestPath)}: the row of image '{untexted.Id}' has no text; fusion with the data's own text needs text on every row.");
        var counts = new int[dataset.ClassNames.Count];
        foreach (var label in dataset.Labels()) counts[label]++;
        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] < MinimumPerClass)
                throw new InvalidDataException(
                    $"{Path.GetFullPath(manifestPath)}: class '{dataset.ClassNames[c]}' has {counts[c]} image{(counts[c] == 1 ? "" : "s")}; "
                    + $"training and test need at least {MinimumPerClass} per class: add images of '{dataset.ClassNames[c]}', "
                    + "merge it into a related class, or drop its rows (and its line in classes.txt, if any).");
        }
        if (counts.All(n => n < 3))
            throw new InvalidDataException(
                $"{Path.GetFullPath(manifestPath)}: every class has fewer than 3 images ({string.Join(", ", dataset.ClassNames.Select((name, c) => $"'{name}' {counts[c]}"))}), "
                + "so no image is left for validation: add images so that at least one class has 3.");
        var tinyTest = Tiny(dataset, _ => true, c => counts[c], testFraction);
        var (rest, test) = StratifiedSampling.TrainValidationSplit(dataset, testFraction, dataSeed, minimumPerClass: 1);
        var restCounts = new int[counts.Length];
        foreach (var label in rest.Labels()) restCounts[label]++;
        var tinyValidation = Tiny(dataset, c => restCounts[c] > 1, c => restCounts[c], validationFraction);
        var noValidation = Tiny(dataset, c => restCounts[c] == 1, c => counts[c], 0);
        var (train, validation) = StratifiedSampling.TrainValidationSplit(rest, validationFraction, dataSeed, minimumPerClass: 1);
        if (tinyTest.Count > 0 || tinyValidation.Count > 0 || noValidation.Count > 0)
            log.WriteLine("tiny data: where a fraction rounds to no image, the class gives one image to that split if it keeps one for training ("
                + string.Join("; ", new[] { ("test", tinyTest), ("validation", tinyValidation), ("no validation image", noValidation) }
                    .Where(x => x.Item2.Count > 0).Select(x => $"{x.Item1}: {string.Join(", ", x.Item2)}"))
                + "); figures from so few images are noisy.");
        log.WriteLine($"data: {train.Count:N0} train, {validation.Count:N0} validation, {test.Count:N0} test images from {manifestPath}");

        var cache = options.Cache ?? new EmbeddingCache { Progress = log };
        var (trainE, validationE, testE) = FashionMnistEmbeddings.EmbedImages(train, validation, test, options, cache, cancel);
        return new EmbeddedData(Profile(validationFraction), dataset.ClassNames, trainE, validationE, testE,
                                dataset.ClassNames, new Dictionary<string, EmbeddingMatrix>(), FashionMnistEmbeddings.ImageEncoderLabel(options))
        {
            ImagePrecision = ImagePrecisionChoice.Resolve(options.Precision).Precision,
        };
    }

    /// <summary>"name (n images)" of each class that passes <paramref name="include"/> and whose share of <paramref name="size"/> images rounds to none.</summary>
    private static List<string> Tiny(Dataset dataset, Func<int, bool> include, Func<int, int> size, double fraction) =>
        Enumerable.Range(0, dataset.ClassNames.Count)
            .Where(c => include(c) && (int)Math.Round(size(c) * fraction, MidpointRounding.AwayFromZero) == 0)
            .Select(c => $"{dataset.ClassNames[c]} ({size(c)} image{(size(c) == 1 ? "" : "s")})")
            .ToList();
}
