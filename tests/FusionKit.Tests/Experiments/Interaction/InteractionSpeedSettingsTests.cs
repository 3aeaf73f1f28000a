using FusionKit.Evaluation;
using FusionKit.Evaluation.Tuning;
using FusionKit.Experiments.Interaction;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Interaction;

/// <summary>Issue 13, item 3: the interaction models' batch sizes and epoch caps, each model's own, scored on validation questions only.</summary>
[Collection(TorchTrainingCollection.Name)]
public class InteractionSpeedSettingsTests(PooledInteractionData pooled) : IClassFixture<PooledInteractionData>
{
    private static readonly SpeedSetting Quick = new(256, 2);

    [Theory]
    [InlineData("concat")]
    [InlineData(InteractionExperiment.ImageOnly)]
    public void ValidationScore_IsTheValidationAccuracyTheSectionReports_ForTheSameSettingAndSeed_ReadingNoTestQuestion(string model)
    {
        // Under the guard: reading a test split (images or questions) would throw.
        var score = ModelSelection.WhileSelecting(() => InteractionSpeedSettings.ValidationScore(pooled.Data, model, PooledInteractionData.Config, Quick, seed: 1));

        // The same number as the section computes it: the run's validation accuracy (best epoch) with that setting.
        var encoder = model == InteractionExperiment.ImageOnly ? InteractionExperiment.NoEncoder : "minilm";
        var run = InteractionExperiment.Train(pooled.Data, PooledInteractionData.Config.WithSpeedSetting(model, Quick), model, encoder, seed: 1);
        Assert.Equal(run.ValidationAccuracy, score, 12);
        Assert.InRange(run.Epochs, 1, Quick.Epochs);
    }

    [Fact]
    public void TheTestSplit_IsGuarded_WhileSettingsAreSelected()
    {
        Assert.Throws<InvalidOperationException>(() => ModelSelection.WhileSelecting(() => pooled.Data.TestSeen));
        Assert.Throws<InvalidOperationException>(() => ModelSelection.WhileSelecting(() => pooled.Data.TestHeldOut));
        Assert.Throws<InvalidOperationException>(() => ModelSelection.WhileSelecting(() => pooled.Data.Test));
        Assert.NotEmpty(pooled.Data.TestSeen); // outside a selection the section reads it
    }

    [Fact]
    public void ValidationScore_OfAModelTheSectionDoesNotTrain_IsRefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => InteractionSpeedSettings.ValidationScore(pooled.Data, "prior", PooledInteractionData.Config, Quick, 0));
        Assert.Contains("Unknown interaction model 'prior'", error.Message);
    }

    [Fact]
    public void SpeedSettings_AreEachModelsOwn_CappedByMaxEpochs()
    {
        var none = InteractionConfig.Default with { ModelSettings = new Dictionary<string, SpeedSetting>() };
        Assert.Equal(new SpeedSetting(128, 20), none.SpeedSettingOf("gated"));

        var changed = none.WithSpeedSetting("gated", new SpeedSetting(512, 10));
        Assert.Equal(new SpeedSetting(512, 10), changed.SpeedSettingOf("gated"));
        Assert.Equal(new SpeedSetting(128, 20), changed.SpeedSettingOf("concat"));             // the others keep the shared setting
        Assert.Equal(new SpeedSetting(512, 1), (changed with { MaxEpochs = 1 }).SpeedSettingOf("gated")); // a quick run caps every model
        Assert.Equal(30, none.WithSpeedSetting("gated", new SpeedSetting(64, 30)).MaxEpochs);  // a longer setting raises the cap
        Assert.Equal(new SpeedSetting(128, 20), none.SpeedSettingOf("gated"));                 // the config itself is unchanged
    }

    [Fact]
    public void Validate_NamesAnUnknownModelOrABadSetting()
    {
        var unknown = InteractionConfig.Default with { ModelSettings = new Dictionary<string, SpeedSetting> { ["prior"] = new(128, 20) } };
        Assert.Contains("unknown model 'prior'", Assert.Throws<ArgumentException>(unknown.Validate).Message);
        var zero = InteractionConfig.Default with { ModelSettings = new Dictionary<string, SpeedSetting> { ["concat"] = new(0, 20) } };
        Assert.Contains("ModelSettings of 'concat'", Assert.Throws<ArgumentException>(zero.Validate).Message);
    }

    [Fact]
    public void BenchNames_AreTheSectionsTrainedModels_AndMapBack()
    {
        Assert.Equal(["interaction-image-only", "interaction-question-only", .. InteractionConfig.Default.Methods.Select(m => "interaction-" + m)],
                     InteractionSpeedSettings.BenchNames);
        Assert.Equal("cross-attention", InteractionSpeedSettings.ModelOf("interaction-cross-attention"));
        Assert.Null(InteractionSpeedSettings.ModelOf("interaction-prior"));
        Assert.Null(InteractionSpeedSettings.ModelOf("devise"));
    }
}
