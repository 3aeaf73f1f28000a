using FusionKit.Evaluation;
using FusionKit.Evaluation.Tuning;
using FusionKit.Evaluation.ZeroShot;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Tests.Experiments.Retrieval;
using FusionKit.Tests.Training;
using FusionKit.Training;

namespace FusionKit.Tests.Experiments.ZeroShot;

/// <summary>Issue 13, item 3: the zero-shot models' settings are scored on validation data only.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ZeroShotSpeedSettingsTests
{
    private static readonly ZeroShotExperimentOptions Fast = new()
    {
        Splits = [ZeroShotExperiment.FixedSplit], LabelEncoders = ["fake-a"], CompatibilityHiddenSizes = [8], Threads = 1,
    };

    [Theory]
    [InlineData(ZeroShotExperiment.Devise)]
    [InlineData(ZeroShotExperiment.Compatibility)]
    public void ValidationScore_IsTheMeanValidationAusucOfTheCalibrationProtocol_ReadingNoTestImage(string method)
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 8, testPerClass: 2);
        var setting = new SpeedSetting(16, 2);

        // Under the guard: reading data.Test would throw.
        var score = ModelSelection.WhileSelecting(() => ZeroShotSpeedSettings.ValidationScore(data, RetrievalSyntheticData.Embed, method, Fast, setting, seed: 1));

        // The same number by hand: the calibration protocol's validation scores for each label text, their AUSUC averaged.
        var options = Fast.WithSpeedSetting(method, setting);
        using var train = FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
        using var validation = FeatureSet.FromMatrices(data.Validation.Images.Data, data.Validation.Images.Dimension, labels: data.Validation.Labels);
        var areas = new[] { ZeroShotExperiment.Names, ZeroShotExperiment.DescriptionTexts }.Select(text =>
        {
            var labels = ZeroShotExperiment.LabelEmbeddings(data, RetrievalSyntheticData.Embed, options, "fake-a", text);
            var (split, scores, positions) = ZeroShotExperiment.ValidationScores(method, train, validation, labels, ClassSplit.FashionMnist, options, 1);
            return CalibratedStacking.Ausuc(scores, positions, split.Split);
        }).ToArray();
        Assert.Equal(areas.Average(), score, 12);
        Assert.InRange(score, 0, 1);
    }

    [Fact]
    public void SpeedSettings_ReadAndReplaceEachMethodsOwnBatchSizeAndEpochs()
    {
        var defaults = new ZeroShotExperimentOptions();
        Assert.Equal(new SpeedSetting(defaults.DeviseBatchSize, defaults.DeviseEpochs), defaults.SpeedSettingOf(ZeroShotExperiment.Devise));
        Assert.Equal(new SpeedSetting(defaults.CompatibilityBatchSize, defaults.CompatibilityEpochs), defaults.SpeedSettingOf(ZeroShotExperiment.Compatibility));

        var changed = defaults.WithSpeedSetting(ZeroShotExperiment.Compatibility, new SpeedSetting(999, 7));
        Assert.Equal(new SpeedSetting(999, 7), changed.SpeedSettingOf(ZeroShotExperiment.Compatibility));
        Assert.Equal(defaults.SpeedSettingOf(ZeroShotExperiment.Devise), changed.SpeedSettingOf(ZeroShotExperiment.Devise));
        Assert.Contains("Unknown method 'nope'", Assert.Throws<ArgumentException>(() => defaults.SpeedSettingOf("nope")).Message);
    }
}
