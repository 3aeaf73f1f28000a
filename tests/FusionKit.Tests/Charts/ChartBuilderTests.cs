using System.Text.Json.Nodes;
using FusionKit.Charts;
using FusionKit.Training;
using FusionKit.Evaluation;

namespace FusionKit.Tests.Charts;

public class ChartBuilderTests
{
    private static readonly EpochRecord[] Epochs =
    [
        new(1, 1.20, 0.55, 1.30, 0.50, 0),
        new(2, 0.80, 0.72, 0.95, 0.68, 0),
        new(3, 0.60, 0.81, 0.85, 0.74, 0),
    ];

    [Fact]
    public void TrainingCurves_PutLossLeftAndAccuracyRight_TrainAndValidation()
    {
        var (traces, layout) = ChartJson.Parse(TrainingCharts.Curves(Epochs, "Run 1"));

        Assert.Equal(["train loss", "validation loss", "train accuracy", "validation accuracy"], Names(traces));
        Assert.Equal([1, 2, 3], Numbers(traces[0]!["x"]).Select(v => (int)v));
        Assert.Equal([1.20, 0.80, 0.60], Numbers(traces[0]!["y"]));
        Assert.Equal([1.30, 0.95, 0.85], Numbers(traces[1]!["y"]));
        Assert.Equal([0.55, 0.72, 0.81], Numbers(traces[2]!["y"]));
        Assert.Equal([0.50, 0.68, 0.74], Numbers(traces[3]!["y"]));
        Assert.Equal(["x", "x", "x2", "x2"], traces.Select(t => (string)t!["xaxis"]!));
        Assert.Equal(["y", "y", "y2", "y2"], traces.Select(t => (string)t!["yaxis"]!));
        Assert.Equal("Run 1", (string)layout["title"]!);
        Assert.Equal("epoch", (string)layout["xaxis"]!["title"]!);
        Assert.Equal("loss", (string)layout["yaxis"]!["title"]!);
        Assert.Equal("epoch", (string)layout["xaxis2"]!["title"]!);
        Assert.Equal("accuracy", (string)layout["yaxis2"]!["title"]!);
    }

    [Fact]
    public void TrainingCurves_LeaveOutNaNPointsAndEmptyLines()
    {
        EpochRecord[] records = [new(1, 1.0, 0.5, null, null, 0), new(2, 0.7, 0.6, 0.9, null, 0)];

        var (traces, _) = ChartJson.Parse(TrainingCharts.Curves(records));

        Assert.Equal(["train loss", "validation loss", "train accuracy"], Names(traces));
        Assert.Equal([2.0], Numbers(traces[1]!["x"]));
        Assert.Equal([0.9], Numbers(traces[1]!["y"]));
        Assert.Throws<ArgumentException>(() => TrainingCharts.Curves([]));
    }

    [Fact]
    public void ConfusionMatrixHeatmap_HasCountsRowsTrueColumnsPredicted_Annotated()
    {
        // scikit-learn confusion_matrix documentation example -> [[2,0,0],[0,0,1],[1,0,2]].
        var matrix = ConfusionMatrix.Compute([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], ["ant", "bird", "cat"]);

        var (traces, layout) = ChartJson.Parse(EvaluationCharts.ConfusionMatrix(matrix));

        var heatmap = Assert.Single(traces)!;
        Assert.Equal("heatmap", (string)heatmap["type"]!);
        Assert.Equal([2.0, 0, 0, 0, 0, 1, 1, 0, 2], heatmap["z"]!.AsArray().SelectMany(row => Numbers(row)));
        Assert.Equal(["ant", "bird", "cat"], heatmap["x"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["ant", "bird", "cat"], heatmap["y"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("true: bird<br>predicted: cat<br>count: 1", (string)heatmap["text"]![1]![2]!);
        Assert.Equal("reversed", (string)layout["yaxis"]!["autorange"]!);
        Assert.Equal("predicted class", (string)layout["xaxis"]!["title"]!);
        Assert.Equal("true class", (string)layout["yaxis"]!["title"]!);
        var annotations = layout["annotations"]!.AsArray();
        Assert.Equal(9, annotations.Count);
        var catAsAnt = annotations.Single(a => (string)a!["y"]! == "cat" && (string)a!["x"]! == "ant")!;
        Assert.Equal("1", (string)catAsAnt["text"]!);
    }

    [Fact]
    public void ConfusionMatrixHeatmap_Normalized_ShowsFractions()
    {
        var matrix = ConfusionMatrix.Compute([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], ["ant", "bird", "cat"]);

        var (traces, layout) = ChartJson.Parse(EvaluationCharts.ConfusionMatrix(matrix, ConfusionNormalization.True));

        // Row 'cat' of the example, normalised by its 3 true samples: 1/3, 0, 2/3.
        var z = traces[0]!["z"]!.AsArray();
        Assert.Equal([1.0 / 3, 0, 2.0 / 3], Numbers(z[2]).Select(v => Math.Round(v, 12)).ToArray(), new RoundedComparer());
        var catAsCat = layout["annotations"]!.AsArray().Single(a => (string)a!["y"]! == "cat" && (string)a!["x"]! == "cat")!;
        Assert.Equal("0.67", (string)catAsCat["text"]!);
    }

    [Fact]
    public void PerClassF1_BarsHoldEachClassF1_LineHoldsMacroAverage()
    {
        // scikit-learn classification_report documentation example: F1 2/3, 0, 0.8; macro 22/45.
        var report = ClassificationReport.Compute([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], ["class 0", "class 1", "class 2"]);

        var (traces, layout) = ChartJson.Parse(EvaluationCharts.PerClassF1(report));

        Assert.Equal("bar", (string)traces[0]!["type"]!);
        Assert.Equal(["class 0", "class 1", "class 2"], traces[0]!["x"]!.AsArray().Select(v => (string)v!));
        Assert.Equal([2.0 / 3, 0, 0.8], Numbers(traces[0]!["y"]), new RoundedComparer());
        Assert.All(Numbers(traces[1]!["y"]), v => Assert.Equal(22.0 / 45, v, 12));
        Assert.Equal("F1 per class", (string)layout["title"]!);
        Assert.Equal("F1", (string)layout["yaxis"]!["title"]!);
    }

    [Fact]
    public void Variants_GroupedBarsWithStdErrorBars()
    {
        VariantResult[] results =
        [
            new("clean split", MetricSummary.Of([0.90, 0.91, 0.92]), MetricSummary.Of([0.88, 0.89, 0.90])),
            new("leaky split", MetricSummary.Of([0.97, 0.99]), MetricSummary.Of([0.96, 0.98])),
        ];

        var (traces, layout) = ChartJson.Parse(ComparisonCharts.Variants(results));

        Assert.Equal(["accuracy", "macro-F1"], Names(traces));
        Assert.Equal(["clean split", "leaky split"], traces[0]!["x"]!.AsArray().Select(v => (string)v!));
        Assert.Equal([0.91, 0.98], Numbers(traces[0]!["y"]), new RoundedComparer());
        Assert.Equal([0.89, 0.97], Numbers(traces[1]!["y"]), new RoundedComparer());
        // Sample std (ddof=1), hand-computed: [0.90,0.91,0.92] -> 0.01; [0.97,0.99] -> sqrt(2·0.01²/1) = 0.0141421.
        var errors = traces[0]!["error_y"]!;
        Assert.Equal("data", (string)errors["type"]!);
        Assert.True((bool)errors["visible"]!);
        Assert.Equal([0.01, Math.Sqrt(2) * 0.01], Numbers(errors["array"]), new RoundedComparer());
        Assert.Equal("group", (string)layout["barmode"]!);
        Assert.Equal("variant", (string)layout["xaxis"]!["title"]!);
    }

    [Fact]
    public void GenericCharts_BuildLinesAndBars_RejectMismatchedLengths()
    {
        var (lines, lineLayout) = ChartJson.Parse(GenericCharts.Lines("t", "x", "y", [new LineSeries("a", [1, 2], [3, 4])]));
        Assert.Equal([3.0, 4.0], Numbers(lines[0]!["y"]));
        Assert.Equal("t", (string)lineLayout["title"]!);

        var (bars, _) = ChartJson.Parse(GenericCharts.GroupedBars("t", "x", "y", ["p", "q"], [new BarSeries("s", [1, 2])]));
        Assert.Null(bars[0]!["error_y"]);

        var lengths = Assert.Throws<ArgumentException>(() => GenericCharts.GroupedBars("t", "x", "y", ["p", "q"], [new BarSeries("s", [1])]));
        Assert.Contains("'s' has 1 values for 2 categories", lengths.Message);
        Assert.Throws<ArgumentException>(() => GenericCharts.Lines("t", "x", "y", [new LineSeries("a", [1, 2], [3])]));
    }

    [Fact]
    public void Heatmap_HasTheMatrixLabelsAndAnnotatedCells()
    {
        var (traces, layout) = ChartJson.Parse(GenericCharts.Heatmap(new[,] { { 1.0, 0.25 }, { 0.25, 1.0 } }, ["a", "b"], ["a", "b"], "sim"));
        Assert.Equal("heatmap", (string)traces[0]!["type"]!);
        Assert.Equal([0.25, 1.0], Numbers(traces[0]!["z"]![1]));
        Assert.Equal(["a", "b"], traces[0]!["y"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["1.00", "0.25", "0.25", "1.00"], layout["annotations"]!.AsArray().Select(a => (string)a!["text"]!));
        Assert.Throws<ArgumentException>(() => GenericCharts.Heatmap(new double[2, 2], ["a"], ["a", "b"], "bad"));
    }

    private static IEnumerable<string> Names(JsonArray traces) => traces.Select(t => (string)t!["name"]!);

    private static double[] Numbers(JsonNode? node) => node!.AsArray().Select(v => (double)v!).ToArray();

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
