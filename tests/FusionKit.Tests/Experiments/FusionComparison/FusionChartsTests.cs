using FusionKit.Charts;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Text;
using FusionKit.Training;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>The fusion charts carry the runs' numbers (hand-made runs, no training).</summary>
public class FusionChartsTests
{
    private static FusionRunResult Run(string method, float[][]? weights, ModalityAblation? ablation) =>
        new(FusionExperimentConfig.Quick with { Method = method }, 0.9, 0.88, 1.0, 100,
            new TrainingHistory([new EpochRecord(1, 1.0, 0.5, 1.1, 0.6, 0), new EpochRecord(2, 0.7, 0.7, 0.8, 0.75, 0)], 2, false, 0),
            [0, 1, 1], [0, 1, 1], weights, ablation);

    [Fact]
    public void ModalityWeightsByClass_PlotsTheMeanImageWeightPerClass_ForMethodsWithWeights()
    {
        var gated = Run("gated", [[0.2f, 0.8f], [0.6f, 0.4f], [0.8f, 0.2f]], new ModalityAblation(0.9, 0.3, 0.8));
        var concat = Run("concat", null, new ModalityAblation(0.9, 0.2, 0.7));
        var (traces, _) = ChartJson.Parse(FusionCharts.ModalityWeightsByClass([gated, concat], ["a", "b"]));
        Assert.Single(traces); // concat weighs nothing
        Assert.Equal("gated", (string)traces[0]!["name"]!);
        // Hand-computed: class a = row 0 -> 0.2; class b = mean of rows 1 and 2 = 0.7.
        Assert.Equal([0.2, 0.7], traces[0]!["y"]!.AsArray().Select(v => Math.Round((double)v!, 6)));
        Assert.Throws<ArgumentException>(() => FusionCharts.ModalityWeightsByClass([concat], ["a", "b"]));
    }

    [Fact]
    public void Ablation_HasBothImageZeroedAndTextZeroedBars_PerFusionMethod()
    {
        var gated = Run("gated", null, new ModalityAblation(0.9, 0.3, 0.8));
        var baseline = Run("image-only", null, null);
        var (traces, _) = ChartJson.Parse(FusionCharts.Ablation([baseline, gated]));
        Assert.Equal(["both", "image zeroed", "text zeroed"], traces.Select(t => (string)t!["name"]!));
        Assert.Equal(["gated"], traces[1]!["x"]!.AsArray().Select(v => (string)v!));
        Assert.Equal([0.3], traces[1]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Throws<ArgumentException>(() => FusionCharts.Ablation([baseline]));
    }

    [Fact]
    public void Report_HasCurvesOnly_ForBaselines_AndAllThree_ForAWeightedFusion()
    {
        var baseline = Run("image-only", null, null);
        var gated = Run("gated", [[0.5f, 0.5f], [0.5f, 0.5f], [0.5f, 0.5f]], new ModalityAblation(0.9, 0.3, 0.8));
        Assert.Single(FusionReport.Charts([baseline], ["a", "b"]));
        Assert.Equal(3, FusionReport.Charts([baseline, gated], ["a", "b"]).Count);
    }

    [Fact]
    public void Titles_DeclareTheSideTextSource_ByDefault()
    {
        var baseline = Run("image-only", null, null);
        var gated = Run("gated", [[0.5f, 0.5f], [0.5f, 0.5f], [0.5f, 0.5f]], new ModalityAblation(0.9, 0.3, 0.8));
        Assert.All(FusionReport.Charts([baseline, gated], ["a", "b"]), chart => Assert.Contains("simulated text)", (string)ChartJson.Parse(chart).Layout["title"]!));
        Assert.Equal("FusionKit fusion run (simulated text)", FusionReport.Title([baseline, gated]));
        var own = gated with { TextSource = TextSource.Manifest };
        Assert.Equal("fuse (manifest text)", FusionReport.Title([own], "fuse"));
        Assert.Equal("simulated text + manifest text", FusionCharts.SourceNote([gated, own]));
        // A title given by the caller is kept as it is.
        Assert.Equal("mine", (string)ChartJson.Parse(FusionCharts.Ablation([gated], "mine")).Layout["title"]!);
    }
}
