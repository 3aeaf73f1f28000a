using FusionKit.Data;

namespace FusionKit.Tests.Data;

/// <summary>Loads the 60,000-image training split once for every test class in the collection.</summary>
public sealed class FashionMnistTrainFixture
{
    public Dataset Train { get; } = FashionMnist.Load(FashionMnistSplit.Train);
}

[CollectionDefinition(Name)]
public sealed class FashionMnistTrainCollection : ICollectionFixture<FashionMnistTrainFixture>
{
    public const string Name = "Fashion-MNIST train";
}

[Collection(FashionMnistTrainCollection.Name)]
public class FashionMnistTrainTests(FashionMnistTrainFixture fixture)
{
    private Dataset Train => fixture.Train;

    [Fact]
    public void Train_Has60000ImagesAnd6000PerClass()
    {
        // Counts from the dataset's README (zalandoresearch/fashion-mnist) and a Python count of the bundled labels.
        Assert.Equal(60_000, Train.Count);
        Assert.Equal(10, Train.ClassNames.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6_000, Train.Labels().Count(l => l == c)));
        Assert.All(Train.Samples, s => Assert.Equal((28, 28, 1), (s.Image.Width, s.Image.Height, s.Image.Channels)));
    }

    [Fact]
    public void Train_FirstAndLastSamplesMatchPythonReference()
    {
        // Reference: Python gzip read of train-*-ubyte.gz: labels[:5] = [9, 0, 0, 3, 0]; pixel sums of images
        // 0, 1 and 59999 = 76247, 84598, 16684; image 0 at row 14, column 14 = 217.
        Assert.Equal([9, 0, 0, 3, 0], Train.Labels()[..5]);
        Assert.Equal(76_247, Train.Samples[0].Image.Pixels.Sum(b => b));
        Assert.Equal(84_598, Train.Samples[1].Image.Pixels.Sum(b => b));
        Assert.Equal(16_684, Train.Samples[59_999].Image.Pixels.Sum(b => b));
        Assert.Equal(217, Train.Samples[0].Image.Pixels[14 * 28 + 14]);
        Assert.Equal("fashion-mnist/train/00000", Train.Samples[0].Id);
        Assert.Equal("Ankle boot", Train.ClassNames[Train.Samples[0].Label]);
    }

    [Fact]
    public void ValidationSplit_OfFullTrain_Is5400And600PerClass()
    {
        // 10% of 6,000 = 600 per class, by hand.
        var (fit, validation) = StratifiedSampling.TrainValidationSplit(Train, 0.1, seed: 7);
        Assert.Equal(54_000, fit.Count);
        Assert.Equal(6_000, validation.Count);
        for (var c = 0; c < 10; c++)
        {
            Assert.Equal(5_400, fit.Labels().Count(l => l == c));
            Assert.Equal(600, validation.Labels().Count(l => l == c));
        }
        var ids = fit.Samples.Select(s => s.Id).Concat(validation.Samples.Select(s => s.Id)).ToHashSet();
        Assert.Equal(60_000, ids.Count); // disjoint and complete
        Assert.NotEqual(fit.Fingerprint, validation.Fingerprint);
        Assert.NotEqual(Train.Fingerprint, fit.Fingerprint);
    }

    [Fact]
    public void SubsetPerClass_OfFullTrain_Has30PerClass()
    {
        var subset = StratifiedSampling.SubsetPerClass(Train, 30, seed: 1);
        Assert.Equal(300, subset.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(30, subset.Labels().Count(l => l == c)));
    }
}

public class FashionMnistTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BundledFiles_MatchTheKnownSha256()
    {
        var folder = FashionMnist.DefaultDirectory();
        // Reference: sha256sum of /usr/share/datasets/fashion-mnist/*.gz (Debian dataset-fashion-mnist), also in README.md.
        Assert.Equal("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7", FashionMnist.KnownSha256["train-images-idx3-ubyte.gz"]);
        foreach (var (file, sha) in FashionMnist.KnownSha256)
            Assert.Equal(sha, Hashing.FileSha256Hex(Path.Combine(folder, file)));
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.All(FashionMnist.KnownSha256.Values, sha => Assert.Contains(sha, readme));
    }

    [Fact]
    public void Test_Has10000ImagesAnd1000PerClass()
    {
        // Reference: dataset README; Python: t10k labels[:5] = [9, 2, 1, 1, 6], pixel sum of image 1 = 100994.
        var test = FashionMnist.Load(FashionMnistSplit.Test);
        Assert.Equal(10_000, test.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1_000, test.Labels().Count(l => l == c)));
        Assert.Equal([9, 2, 1, 1, 6], test.Labels()[..5]);
        Assert.Equal(100_994, test.Samples[1].Image.Pixels.Sum(b => b));
        Assert.Equal("fashion-mnist-test", test.Name);
        Assert.Equal(FashionMnist.Fingerprint(FashionMnistSplit.Test), test.Fingerprint);
    }

    [Fact]
    public void Fingerprints_AreStableAndDifferBySplit()
    {
        var train = FashionMnist.Fingerprint(FashionMnistSplit.Train);
        Assert.Equal(train, FashionMnist.Fingerprint(FashionMnistSplit.Train));
        Assert.NotEqual(train, FashionMnist.Fingerprint(FashionMnistSplit.Test));
        Assert.Equal(
            Hashing.Sha256Hex("fashion-mnist|train|b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7|0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
            train);
    }

    [Fact]
    public void ChecksumMismatch_NamesTheFile_AndSkippingVerificationLoads()
    {
        // Same labels, recompressed: different bytes, same content.
        var source = FashionMnist.DefaultDirectory();
        File.Copy(Path.Combine(source, "t10k-images-idx3-ubyte.gz"), _dir.File("t10k-images-idx3-ubyte.gz"));
        var labels = IdxReader.ReadLabels(Path.Combine(source, "t10k-labels-idx1-ubyte.gz"));
        File.WriteAllBytes(_dir.File("t10k-labels-idx1-ubyte.gz"), TestFiles.Gzip(TestFiles.Idx(2049, [labels.Length], labels)));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_dir.Path, FashionMnistSplit.Test));
        Assert.StartsWith(_dir.File("t10k-labels-idx1-ubyte.gz") + ": SHA-256 is ", e.Message);
        Assert.Contains("expected 8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", e.Message);

        var unchecked_ = FashionMnist.Load(_dir.Path, FashionMnistSplit.Test, verifyChecksums: false);
        Assert.Equal(labels.Select(l => (int)l), unchecked_.Labels());
    }

    [Fact]
    public void MissingFile_NamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_dir.Path, FashionMnistSplit.Train));
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
    }

    [Fact]
    public void LabelOutsideTheClasses_NamesTheLabelFile()
    {
        File.WriteAllBytes(_dir.File("t10k-images-idx3-ubyte.gz"), TestFiles.Gzip(TestFiles.Idx(2051, [2, 28, 28], new byte[2 * 784])));
        File.WriteAllBytes(_dir.File("t10k-labels-idx1-ubyte.gz"), TestFiles.Gzip(TestFiles.Idx(2049, [2], [3, 10])));
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_dir.Path, FashionMnistSplit.Test, verifyChecksums: false));
        Assert.Equal("t10k-labels-idx1-ubyte.gz: label 10 at item 1 is outside 0..9.", e.Message);
    }
}

public class DataLocatorTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void FindsDataFolder_WalkingUpFromANestedFolder()
    {
        Directory.CreateDirectory(_dir.File("data/fashion-mnist"));
        var nested = Directory.CreateDirectory(_dir.File("a/b/c")).FullName;
        Assert.Equal(_dir.File("data"), DataLocator.FindDataDirectory(null, [nested]));
    }

    [Fact]
    public void EnvironmentOverride_WinsAndMustExist()
    {
        Assert.Equal(_dir.Path, DataLocator.FindDataDirectory(_dir.Path, ["/"]));
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataLocator.FindDataDirectory(_dir.File("nope"), ["/"]));
        Assert.Contains("FUSIONKIT_DATA", e.Message);
    }

    [Fact]
    public void NotFound_SaysWhereItLooked()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataLocator.FindDataDirectory(null, [_dir.Path]));
        Assert.Contains(_dir.Path, e.Message);
        Assert.Contains("FUSIONKIT_DATA", e.Message);
    }

    [Fact]
    public void Default_FindsTheRepositoryData()
    {
        Assert.True(File.Exists(Path.Combine(FashionMnist.DefaultDirectory(), "README.md")));
    }
}
