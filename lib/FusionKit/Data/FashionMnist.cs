namespace FusionKit.Data;

/// <summary>
/// Loads Zalando's Fashion-MNIST (<see href="https://github.com/zalandoresearch/fashion-mnist"/>, MIT licence)
/// from its four gzipped IDX files, checking their SHA-256 against the bundled copies (data/fashion-mnist/README.md).
/// </summary>
public static class FashionMnist
{
    /// <summary>Class names by label, as in the dataset's README.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Image side in pixels.</summary>
    public const int ImageSize = 28;

    /// <summary>SHA-256 of the four gzipped files, by file name (Debian package dataset-fashion-mnist).</summary>
    public static IReadOnlyDictionary<string, string> KnownSha256 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["train-images-idx3-ubyte.gz"] = "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
        ["train-labels-idx1-ubyte.gz"] = "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
        ["t10k-images-idx3-ubyte.gz"] = "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
        ["t10k-labels-idx1-ubyte.gz"] = "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
    };

    /// <summary>The bundled folder: <c>data/fashion-mnist</c> as found by <see cref="DataLocator"/>.</summary>
    public static string DefaultDirectory() => Path.Combine(DataLocator.FindDataDirectory(), DataLocator.MarkerFolder);

    /// <summary>File names of a split's images and labels.</summary>
    public static (string Images, string Labels) FileNames(FashionMnistSplit split) => split switch
    {
        FashionMnistSplit.Train => ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        FashionMnistSplit.Test => ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown Fashion-MNIST split."),
    };

    /// <summary>Loads a split from the bundled folder.</summary>
    public static Dataset Load(FashionMnistSplit split, bool verifyChecksums = true) =>
        Load(DefaultDirectory(), split, verifyChecksums);

    /// <summary>
    /// Loads a split from <paramref name="directory"/>. With <paramref name="verifyChecksums"/> (the default) a
    /// file whose SHA-256 differs from <see cref="KnownSha256"/> is rejected. The dataset's fingerprint derives
    /// from the known checksums and the split, so it is the same whether or not the files were verified.
    /// Sample ids are "fashion-mnist/train/00042".
    /// </summary>
    public static Dataset Load(string directory, FashionMnistSplit split, bool verifyChecksums = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var (imagesName, labelsName) = FileNames(split);
        var imageBytes = ReadChecked(directory, imagesName, verifyChecksums);
        var labelBytes = ReadChecked(directory, labelsName, verifyChecksums);

        var images = IdxReader.ReadImages(new MemoryStream(imageBytes, writable: false), imagesName);
        var labels = IdxReader.ReadLabels(new MemoryStream(labelBytes, writable: false), labelsName);
        IdxReader.EnsureSameCount(images, labels, imagesName, labelsName);
        if (images.Rows != ImageSize || images.Columns != ImageSize)
            throw new InvalidDataException($"{imagesName}: images are {images.Rows}x{images.Columns}, Fashion-MNIST's are {ImageSize}x{ImageSize}.");

        var splitName = split.ToString().ToLowerInvariant();
        var samples = new Sample[images.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            if (labels[i] >= ClassNames.Count)
                throw new InvalidDataException($"{labelsName}: label {labels[i]} at item {i} is outside 0..{ClassNames.Count - 1}.");
            samples[i] = new Sample($"fashion-mnist/{splitName}/{i:D5}", images.Image(i), labels[i]);
        }
        return new Dataset($"fashion-mnist-{splitName}", ClassNames, samples, Fingerprint(split));
    }

    /// <summary>Cache key of a whole split: SHA-256 of "fashion-mnist|split|images sha|labels sha".</summary>
    public static string Fingerprint(FashionMnistSplit split)
    {
        var (imagesName, labelsName) = FileNames(split);
        return Hashing.Sha256Hex($"fashion-mnist|{split.ToString().ToLowerInvariant()}|{KnownSha256[imagesName]}|{KnownSha256[labelsName]}");
    }

    private static byte[] ReadChecked(string directory, string fileName, bool verify)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: Fashion-MNIST file not found (expected the four IDX .gz files in {directory}).", path);
        var bytes = File.ReadAllBytes(path);
        if (verify)
        {
            var actual = Hashing.Sha256Hex(bytes);
            if (actual != KnownSha256[fileName])
                throw new InvalidDataException($"{path}: SHA-256 is {actual}, expected {KnownSha256[fileName]}; the file is damaged or not the bundled Fashion-MNIST.");
        }
        return bytes;
    }
}
