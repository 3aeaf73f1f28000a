using FusionKit.Experiments;
using FusionKit.Retrieval;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments;

[Collection(TorchTrainingCollection.Name)]
public class ZeroShotExperimentTests
{
    private static readonly ZeroShotExperimentOptions Fast = new()
    {
        LabelEncoders = ["fake-a", "fake-b"], DeviseEpochs = 2, CompatibilityEpochs = 2, CompatibilityHiddenSizes = [8], BatchSize = 32, Threads = 1,
    };

    [Fact]
    public void Run_GivesOneRowPerSetting_WithSummariesOfThePerSeedReports()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 6, testPerClass: 3, seeds: [0, 1]);
        var result = ZeroShotExperiment.Run(data, RetrievalSyntheticData.Embed, Fast);

        // 2 splits x 2 methods x 2 encoders x 2 label texts.
        Assert.Equal(16, result.Rows.Count);
        var frame = result.ToDataFrame();
        Assert.Equal(["split", "method", "label encoder", "label text", "ZSL", "S", "U", "H",
                      "ZSL mean", "ZSL std", "S mean", "S std", "U mean", "U std", "H mean", "H std"], frame.Columns.Select(c => c.Name));
        foreach (var row in result.Rows)
        {
            Assert.Equal(2, row.PerSeed.Count);
            Assert.Equal(row.PerSeed.Average(r => r.Harmonic), row.Harmonic.Mean, 12);
            Assert.Equal(row.PerSeed.Average(r => r.Seen), row.Seen.Mean, 12);
            Assert.InRange(row.UnseenAmongUnseen.Mean, 0, 1);
            Assert.True(double.IsFinite(row.Unseen.StandardDeviation));
            // H is the harmonic mean of each seed's S and U (Xian et al. 2017).
            Assert.All(row.PerSeed, r => Assert.Equal(ZeroShotEvaluation.HarmonicMean(r.Seen, r.Unseen), r.Harmonic, 12));
        }
        Assert.Equal(["devise", "compatibility"], result.Rows.Select(r => r.Method).Distinct());
        Assert.Equal(["names", "descriptions"], result.Rows.Select(r => r.LabelText).Distinct());
        Assert.Equal(["fixed", "random"], result.Rows.Select(r => r.Split).Distinct());
    }

    [Fact]
    public void Run_UnknownMethod_IsNamed()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 2, testPerClass: 1);
        var error = Assert.Throws<ArgumentException>(() => ZeroShotExperiment.Run(data, RetrievalSyntheticData.Embed, Fast with { Methods = ["knn"] }));
        Assert.Contains("'knn'", error.Message);
    }

    [Fact]
    public void SplitFor_FixedIsFashionMnists_RandomFollowsTheSeed()
    {
        Assert.Same(ClassSplit.FashionMnist, ZeroShotExperiment.SplitFor("fixed", 10, 3, seed: 5));
        Assert.Equal(ClassSplit.Random(10, 3, 5).Unseen, ZeroShotExperiment.SplitFor("random", 10, 3, seed: 5).Unseen);
        Assert.Contains("fixed split", Assert.Throws<ArgumentException>(() => ZeroShotExperiment.SplitFor("fixed", 6, 3, 0)).Message);
    }
}
