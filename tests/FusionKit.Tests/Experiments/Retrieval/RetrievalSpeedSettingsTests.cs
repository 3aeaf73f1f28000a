using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Evaluation.Ranking;
using FusionKit.Evaluation.Tuning;
using FusionKit.Experiments.Retrieval;
using FusionKit.Tests.Training;
using FusionKit.Training;

namespace FusionKit.Tests.Experiments.Retrieval;

/// <summary>Issue 13, item 3: the retrieval models' settings are scored on validation data only.</summary>
[Collection(TorchTrainingCollection.Name)]
public class RetrievalSpeedSettingsTests
{
    private static readonly RetrievalExperimentOptions Fast = new()
    {
        ClassifierHiddenSizes = [16], JointDim = 8, JointTexts = [JointTextKind.Descriptions], Threads = 1,
    };

    [Fact]
    public void Classifier_IsScoredByValidationAccuracy_ReadingNoTestImage()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 10, testPerClass: 2);
        var setting = new SpeedSetting(16, 20);

        var score = ModelSelection.WhileSelecting(() =>
            RetrievalSpeedSettings.ValidationScore(data, RetrievalSyntheticData.Embed, RetrievalExperiment.Classifier, Fast, setting, seed: 0));

        // By hand: the same classifier (same settings and seed) predicting the validation images.
        using var model = RetrievalExperiment.TrainClassifier(data, Fast.WithSpeedSetting(RetrievalExperiment.Classifier, setting), 0, null, default);
        using var validation = FeatureSet.FromMatrices(data.Validation.Images.Data, data.Validation.Images.Dimension, labels: data.Validation.Labels);
        Assert.Equal(ClassificationMetrics.Accuracy(data.Validation.Labels, model.Predict(validation)), score, 12);
        Assert.True(score > 0.5, $"separable classes should mostly be found; validation accuracy {score}");
    }

    [Fact]
    public void JointSpace_IsScoredByMeanRecallOnValidationPairs()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 10, testPerClass: 2);
        var setting = new SpeedSetting(32, 3);

        var score = ModelSelection.WhileSelecting(() =>
            RetrievalSpeedSettings.ValidationScore(data, RetrievalSyntheticData.Embed, RetrievalExperiment.Joint, Fast, setting, seed: 0));

        var (scores, columns) = ValidationScoresByHand(data, Fast.WithSpeedSetting(RetrievalExperiment.Joint, setting), JointTextKind.Descriptions);
        var report = JointRetrieval.Evaluate(scores, columns);
        // The six recalls (R@1, 5, 10 each way) averaged: VSE++'s rsum, in percent, over 600.
        var recalls = new[] { report.ImageToText.RecallAt1, report.ImageToText.RecallAt5, report.ImageToText.RecallAt10,
                              report.TextToImage.RecallAt1, report.TextToImage.RecallAt5, report.TextToImage.RecallAt10 };
        Assert.Equal(recalls.Average(), score, 12);
    }

    [Fact]
    public void SideTextJointSpace_IsScoredByClassLevelRecall()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 10, testPerClass: 2);
        var setting = new SpeedSetting(32, 2);
        var options = Fast with { JointTexts = [JointTextKind.SideText] };

        var score = ModelSelection.WhileSelecting(() =>
            RetrievalSpeedSettings.ValidationScore(data, RetrievalSyntheticData.Embed, RetrievalExperiment.Joint, options, setting, seed: 0));

        var trained = options.WithSpeedSetting(RetrievalExperiment.Joint, setting);
        var (scores, columns) = ValidationScoresByHand(data, trained, JointTextKind.SideText);
        var described = RetrievalExperiment.DescribedClassPerColumn(RetrievalExperiment.SideTexts(data.Validation, trained, trained.SideTextSeed + 2), columns);
        var byClass = ClassLevelRetrieval.Evaluate(scores, data.Validation.Labels, described).Report;
        Assert.Equal(byClass.Rsum / 600, score, 12);
        Assert.NotEqual(JointRetrieval.Evaluate(scores, columns).Rsum / 600, score);   // not the exact-title recall
    }

    /// <summary>The joint space the score trains (seed 0, the training pairs' side-text seed), trained by hand, scoring the
    /// validation pairs (side text drawn with that seed + 2).</summary>
    private static (float[][] Scores, int[] Columns) ValidationScoresByHand(EmbeddedData data, RetrievalExperimentOptions options, JointTextKind kind)
    {
        using var train = RetrievalExperiment.JointPairs(data.Train, RetrievalSyntheticData.Embed, options, kind, options.SideTextSeed);
        using var validation = RetrievalExperiment.JointPairs(data.Validation, RetrievalSyntheticData.Embed, options, kind, options.SideTextSeed + 2);
        using var space = RetrievalExperiment.TrainJointSpace(train, options, 0, null, default);
        return JointRetrieval.Scores(space, validation);
    }

    [Fact]
    public void SpeedSettings_ReadAndReplaceEachModelsOwnBatchSizeAndEpochs()
    {
        var defaults = new RetrievalExperimentOptions();
        Assert.Equal(new SpeedSetting(defaults.ClassifierBatchSize, defaults.ClassifierEpochs), defaults.SpeedSettingOf(RetrievalExperiment.Classifier));
        var changed = defaults.WithSpeedSetting(RetrievalExperiment.Joint, new SpeedSetting(99, 2));
        Assert.Equal(new SpeedSetting(99, 2), changed.SpeedSettingOf(RetrievalExperiment.Joint));
        Assert.Equal(defaults.SpeedSettingOf(RetrievalExperiment.Classifier), changed.SpeedSettingOf(RetrievalExperiment.Classifier));
        Assert.Contains("Unknown retrieval model", Assert.Throws<ArgumentException>(() => defaults.SpeedSettingOf("nope")).Message);
        Assert.Throws<ArgumentException>(() => RetrievalSpeedSettings.Candidates("nope"));
    }
}
