using FusionKit.Evaluation;
using FusionKit.Experiments.Precision;

namespace FusionKit.Tests.Experiments.Precision;

public sealed class PrecisionDownstreamRowTests
{
    [Fact]
    public void ChangePoints_IsBf16MinusFp32MeanInPoints()
    {
        // Hand-computed: fp32 accuracies 0.900, 0.910, 0.920 (mean 0.910); bf16 0.901, 0.912, 0.923 (mean 0.912):
        // change = 100 * (0.912 - 0.910) = +0.2 points, at the bound; bf16 0.902, 0.913, 0.924 (mean 0.913) is +0.3, past it.
        var fp32 = MetricSummary.Of([0.900, 0.910, 0.920]);
        var atBound = new PrecisionDownstreamRow("image-only", fp32, MetricSummary.Of([0.901, 0.912, 0.923]));
        var past = new PrecisionDownstreamRow("image-only", fp32, MetricSummary.Of([0.902, 0.913, 0.924]));
        Assert.Equal(0.2, atBound.ChangePoints, 9);
        Assert.True(atBound.Within());
        Assert.Equal(0.3, past.ChangePoints, 9);
        Assert.False(past.Within());
        // Judged by magnitude: mean 0.908 is -0.2 (within), mean 0.907 is -0.3 (past).
        Assert.True(new PrecisionDownstreamRow("image-only", fp32, MetricSummary.Of([0.898, 0.908, 0.918])).Within());
        Assert.False(new PrecisionDownstreamRow("image-only", fp32, MetricSummary.Of([0.897, 0.907, 0.917])).Within());
    }

    [Fact]
    public void DownstreamModels_AreTheHonestCaseStudyModels()
    {
        Assert.Equal(["image-only", "compatibility (minilm)"], ImagePrecisionCheck.DownstreamModels);
        Assert.All(ImagePrecisionCheck.DownstreamModels, m => Assert.DoesNotContain("leak", m));
    }
}
