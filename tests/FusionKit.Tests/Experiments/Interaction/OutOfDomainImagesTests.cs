using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Interaction;

/// <summary>
/// The out-of-domain images of data/out-of-domain/ (clip-art clothing and real photographs, see its README): every file
/// is documented with its source and licence, decodes, and gets an answer from the vocabulary. What the answers are is
/// reported in the README, not asserted: the model was trained on Fashion-MNIST and may well be wrong on them.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class OutOfDomainImagesTests(SmokeAnswerer smoke) : IClassFixture<SmokeAnswerer>
{
    private static string Folder => Path.Combine(DataLocator.FindDataDirectory(), "out-of-domain");

    public static TheoryData<string> Images() => new(Directory.GetFiles(Path.Combine(DataLocator.FindDataDirectory(), "out-of-domain"), "*.png")
                                                         .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => f!));

    [Fact]
    public void Folder_HoldsAFewSmallImages_EachListedInTheReadmeWithItsLicence()
    {
        var files = Directory.GetFiles(Folder, "*.png");
        Assert.InRange(files.Length, 1, 10); // a handful, as the task asked
        var readme = File.ReadAllLines(Path.Combine(Folder, "README.md"));
        foreach (var file in files)
        {
            Assert.InRange(new FileInfo(file).Length, 1, 100_000); // small, resized files
            var row = Assert.Single(readme, line => line.StartsWith($"| `{Path.GetFileName(file)}` |", StringComparison.Ordinal));
            Assert.Matches("GPL-2|public domain|CC0", row); // the licence column
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Ask_OutOfDomainImage_IsAnsweredFromTheVocabulary(string file)
    {
        foreach (var question in new[] { "what is this?", "would i wear this on my feet?", "is this a bag?", "where is this worn?" })
        {
            var reply = smoke.Answerer.Ask(Path.Combine(Folder, file), question);
            Assert.Equal(AskStatus.Answered, reply.Status);
            Assert.Contains(reply.Answer!, smoke.Answerer.Answers);
            Assert.InRange(reply.Probability, 1.0 / smoke.Answerer.Answers.Count, 1.0); // the top softmax probability is at least uniform
        }
    }
}
