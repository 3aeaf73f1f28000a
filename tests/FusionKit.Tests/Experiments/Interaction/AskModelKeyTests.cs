using FusionKit.Experiments.Interaction;
using FusionKit.Vision;

namespace FusionKit.Tests.Experiments.Interaction;

public class AskModelKeyTests
{
    [Fact]
    public void TheCachedAnswerModel_IsKeyedByTheImagePrecision()
    {
        // A model that learned from fp32 image embeddings is not reused on bf16 ones, nor the other way round.
        var fp32 = new AskOptions { Config = InteractionConfig.Default with { ImagePrecision = ImagePrecision.Float32 } };
        var bf16 = fp32 with { Config = InteractionConfig.Default with { ImagePrecision = ImagePrecision.BFloat16 } };
        Assert.NotEqual(QuestionAnswerer.ModelDirectory(fp32), QuestionAnswerer.ModelDirectory(bf16));
        Assert.Equal(QuestionAnswerer.ModelDirectory(fp32), QuestionAnswerer.ModelDirectory(fp32 with { }));
    }

    [Fact]
    public void TheCachedAnswerModel_IsKeyedByItsOwnBatchSizeAndEpochCap_NotByAnotherModels()
    {
        var asked = new AskOptions { Method = "gated", Config = InteractionConfig.Default };
        var ownChanged = asked with { Config = asked.Config.WithSpeedSetting("gated", new(1024, 3)) };
        var otherChanged = asked with { Config = asked.Config.WithSpeedSetting("concat", new(1024, 3)) };
        Assert.NotEqual(QuestionAnswerer.ModelDirectory(asked), QuestionAnswerer.ModelDirectory(ownChanged));
        Assert.Equal(QuestionAnswerer.ModelDirectory(asked), QuestionAnswerer.ModelDirectory(otherChanged));
    }
}
