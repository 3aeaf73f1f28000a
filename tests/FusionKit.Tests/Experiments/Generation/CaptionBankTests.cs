using FusionKit.Experiments.Generation;

namespace FusionKit.Tests.Experiments.Generation;

public class CaptionBankTests
{
    [Fact]
    public void BundledCaptions_HaveTenClassesWithDisjointTrainingAndHeldOutParaphrases()
    {
        var bank = CaptionBank.LoadDefault();
        Assert.Equal(10, bank.Classes.Count);
        Assert.All(bank.Classes, c => Assert.Empty(c.Train.Intersect(c.HeldOut)));
        Assert.Contains("a warm coat for winter", bank.Classes[4].HeldOut);
        var all = bank.Classes.SelectMany(c => c.Train.Concat(c.HeldOut)).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count()); // no paraphrase describes two classes
    }

    [Fact]
    public void AssignTrainCaptions_IsDeterministicBySeed_AndStaysInTheImagesClass()
    {
        var bank = CaptionBank.LoadDefault();
        var labels = Enumerable.Range(0, 500).Select(i => i % 10).ToArray();
        var a = bank.AssignTrainCaptions(labels, 3);
        Assert.Equal(a, bank.AssignTrainCaptions(labels, 3));
        Assert.NotEqual(a, bank.AssignTrainCaptions(labels, 4));
        Assert.All(a.Zip(labels), p => Assert.Equal(p.Second, p.First / bank.TrainPerClass));
        Assert.Equal(bank.TrainPerClass, a.Where((_, i) => labels[i] == 0).Distinct().Count()); // every paraphrase gets used
    }

    [Fact]
    public void Load_MalformedFile_NamesTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("captions.json", "{\"classes\": [{\"label\": 0}]}");
        var e = Assert.Throws<InvalidDataException>(() => CaptionBank.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Constructor_SameParaphraseTrainedAndHeldOut_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CaptionBank([new ClassCaptions(0, "x", ["a"], ["a"])], "test.json"));
        Assert.Contains("both as training and held out", e.Message);
    }
}
