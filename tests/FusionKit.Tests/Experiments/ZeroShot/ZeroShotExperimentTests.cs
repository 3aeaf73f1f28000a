using FusionKit.Evaluation.ZeroShot;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Tests.Experiments.Retrieval;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.ZeroShot;

[Collection(TorchTrainingCollection.Name)]
public class ZeroShotExperimentTests
{
    private static readonly ZeroShotExperimentOptions Fast = new()
    {
        LabelEncoders = ["fake-a", "fake-b"], DeviseEpochs = 2, CompatibilityEpochs = 2, CompatibilityHiddenSizes = [8], DeviseBatchSize = 32, CompatibilityBatchSize = 32, Threads = 1,
    };

    [Fact]
    public void Run_GivesOneRowPerSetting_WithSummariesOfThePerSeedReports()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 6, testPerClass: 3, seeds: [0, 1]);
        var result = ZeroShotExperiment.Run(data, RetrievalSyntheticData.Embed, Fast);

        // 2 splits x 2 methods x 2 encoders x 2 label texts.
        Assert.Equal(16, result.Rows.Count);
        var frame = result.ToDataFrame();
        Assert.Equal(["split", "method", "label encoder", "label text", "text_source", "ZSL", "S", "U", "H", "S cal", "U cal", "H cal", "AUSUC",
                      "ZSL_mean", "ZSL_std", "S_mean", "S_std", "U_mean", "U_std", "H_mean", "H_std",
                      "S cal_mean", "S cal_std", "U cal_mean", "U cal_std", "H cal_mean", "H cal_std", "AUSUC_mean", "AUSUC_std"], frame.Columns.Select(c => c.Name));
        for (var i = 0; i < result.Rows.Count; i++)
        {
            var row = result.Rows[i];
            // Each text column is its numeric pair formatted; the calibrated and AUSUC columns summarise their per-seed values.
            Assert.Equal(row.CalibratedHarmonic.Format(3), frame.Columns["H cal"][i]);
            Assert.Equal(row.PerSeedCalibrated.Average(r => r.Harmonic), (double)frame.Columns["H cal_mean"][i]!, 12);
            Assert.Equal(row.PerSeed.Average(r => r.Ausuc), (double)frame.Columns["AUSUC_mean"][i]!, 12);
            Assert.Equal(row.Unseen.StandardDeviation, (double)frame.Columns["U_std"][i]!, 12);
            Assert.Equal("label", frame.Columns["text_source"][i]); // names or descriptions: the label's own text
        }
        foreach (var row in result.Rows)
        {
            Assert.Equal(2, row.PerSeed.Count);
            Assert.Equal(2, row.PerSeedCalibrated.Count);
            Assert.All(row.PerSeedCalibrated, c => Assert.Equal(ZeroShotEvaluation.HarmonicMean(c.Seen, c.Unseen), c.Harmonic, 12));
            Assert.All(row.PerSeedCalibrated, c => Assert.Equal(2, c.ValidationUnseenClasses.Count));
            Assert.All(row.PerSeed, r => Assert.InRange(r.Ausuc, 0, 1));
            Assert.Equal(row.PerSeed.Average(r => r.Harmonic), row.Harmonic.Mean, 12);
            Assert.Equal(row.PerSeed.Average(r => r.Seen), row.Seen.Mean, 12);
            Assert.InRange(row.UnseenAmongUnseen.Mean, 0, 1);
            Assert.True(double.IsFinite(row.Unseen.StandardDeviation));
            // H is the harmonic mean of each seed's S and U (Xian et al. 2017).
            Assert.All(row.PerSeed, r => Assert.Equal(ZeroShotEvaluation.HarmonicMean(r.Seen, r.Unseen), r.Harmonic, 12));
        }
        using var folder = new TempFolder();
        var paths = result.Save(folder.Path);
        Assert.StartsWith("split,method,label encoder,label text,text_source,ZSL,S,U,H,S cal,U cal,H cal,AUSUC,", File.ReadAllLines(paths[0])[0]);
        var json = File.ReadAllText(paths[1]);
        Assert.Contains("\"perSeedCalibrated\"", json);
        Assert.Contains("\"ausuc\"", json);
        Assert.Contains("\"gamma\"", json);
        Assert.Contains("\"text_source\": \"label\"", json);
        Assert.Equal(["devise", "compatibility"], result.Rows.Select(r => r.Method).Distinct());
        Assert.Equal(["names", "descriptions"], result.Rows.Select(r => r.LabelText).Distinct());
        Assert.Equal(["fixed", "random"], result.Rows.Select(r => r.Split).Distinct());
    }

    [Fact]
    public void Run_CalibrationGamma_DoesNotDependOnTestLabels()
    {
        // γ comes from training and validation images only: relabelling every test image (c -> c + 1 mod 10) must
        // leave every seed's γ, validation classes and validation H unchanged, while the test figures may move.
        var data = RetrievalSyntheticData.Create(trainPerClass: 6, testPerClass: 3);
        var relabelled = data with { Test = RetrievalSyntheticData.Relabel(data.Test, c => (c + 1) % 10) };
        var options = Fast with { LabelEncoders = ["fake-a"], LabelTexts = ["names"], Splits = ["fixed"] };
        var a = ZeroShotExperiment.Run(data, RetrievalSyntheticData.Embed, options);
        var b = ZeroShotExperiment.Run(relabelled, RetrievalSyntheticData.Embed, options);
        Assert.Equal(a.Rows.Count, b.Rows.Count);
        for (var r = 0; r < a.Rows.Count; r++)
        {
            var (x, y) = (a.Rows[r].PerSeedCalibrated[0], b.Rows[r].PerSeedCalibrated[0]);
            Assert.Equal(x.Gamma, y.Gamma);
            Assert.Equal(x.ValidationUnseenClasses, y.ValidationUnseenClasses);
            Assert.Equal(x.Validation, y.Validation);
        }
        Assert.NotEqual(a.Rows.Select(r => r.PerSeed[0].Seen), b.Rows.Select(r => r.PerSeed[0].Seen));
    }

    [Fact]
    public void ChooseGamma_UsesTheHeldOutSeenClasses_AndReturnsTheBestValidationStretch()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 6, testPerClass: 3);
        using var train = FusionKit.Training.FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
        using var validation = FusionKit.Training.FeatureSet.FromMatrices(data.Validation.Images.Data, data.Validation.Images.Dimension, labels: data.Validation.Labels);
        var labels = RetrievalSyntheticData.Embed("fake", data.ClassNames).ToJagged();
        var (split, choice) = ZeroShotExperiment.ChooseGamma(ZeroShotExperiment.Devise, train, validation, labels, ClassSplit.FashionMnist, Fast, seed: 4);
        Assert.Equal(ClassSplit.FashionMnist.Seen, split.Classes);
        Assert.DoesNotContain(split.ValidationUnseenClasses, c => ClassSplit.FashionMnist.Unseen.Contains(c));
        Assert.True(choice.GammaLow < choice.Gamma && choice.Gamma < choice.GammaHigh, choice.ToString());
        // The synthetic classes are well separated, so some γ recognises held-out validation classes: H > 0.
        Assert.True(choice.Harmonic > 0, choice.ToString());
    }

    [Fact]
    public void Curve_OfOneSetting_HasTheAreaRunReportsAsAusuc()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 6, testPerClass: 3);
        var options = Fast with { LabelEncoders = ["fake-a"], LabelTexts = ["names"], Splits = ["fixed"], Methods = ["devise"] };
        var run = ZeroShotExperiment.Run(data, RetrievalSyntheticData.Embed, options, seeds: [2]);
        var curve = ZeroShotExperiment.Curve(data, RetrievalSyntheticData.Embed, "fixed", "devise", "fake-a", "names", seed: 2, options);
        var report = run.Rows.Single().PerSeed[0];
        Assert.Equal(report.Ausuc, curve.Area, 12);
        // γ = 0 gives the uncalibrated figures; the curve starts at U = 0 and ends at S = 0 (Chao et al. 2016).
        Assert.Equal(report.Seen, curve.At(0).Seen, 12);
        Assert.Equal(report.Unseen, curve.At(0).Unseen, 12);
        Assert.Equal(0, curve.Points[0].Unseen);
        Assert.Equal(0, curve.Points[^1].Seen);
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
