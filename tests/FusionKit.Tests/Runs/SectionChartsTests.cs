using System.Text.Json.Nodes;
using FusionKit.Charts;
using FusionKit.Results;
using FusionKit.Runs;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Runs;

public class SectionChartsTests
{
    private static string[] Names(JsonArray traces) => traces.Select(t => (string)t!["name"]!).ToArray();
    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(v => (string)v!).ToArray();
    private static double[] Numbers(JsonNode? node) => node!.AsArray().Select(v => (double)v!).ToArray();

    [Fact]
    public void Charts_ReadTheMetricsOfTheTable_NotColumnNames()
    {
        Assert.Equal(["ZSL", "S", "U", "H", "AUSUC"], SectionTestTables.ZeroShot().Metrics);
        Assert.Equal(["accuracy", "macro_f1"], SectionTestTables.Fusion().Metrics);
        // A metric no code names ("AUSUC") gets its chart; a table of one metric gets one chart.
        var table = SectionTestTables.ZeroShot().OfMetric("AUSUC");
        var charts = MeanStdCharts.BarsPerMetric(table, ["method"], ["split"], "t");
        Assert.Equal("t: AUSUC", (string)ChartJson.Parse(Assert.Single(charts)).Layout["title"]!);
        Assert.Contains("no column 'accuracy'", Assert.Throws<ArgumentException>(() => MeanStdCharts.Bars(table, ["accuracy"], [], "t")).Message);
    }

    [Fact]
    public void Bars_LeaveAGapForAMissingMean_AndNoErrorBarForAMissingStd()
    {
        var table = new ResultTable(["model"],
            [new(["a"], "image_zeroed", double.NaN, double.NaN, 2), new(["b"], "image_zeroed", 0.6, double.NaN, 1), new(["c"], "image_zeroed", 0.4, 0.02, 2)]);

        var (traces, _) = ChartJson.Parse(MeanStdCharts.Bars(table, ["model"], [], "t", "image zeroed"));

        Assert.Equal(["b", "c"], Strings(traces[0]!["x"]));
        Assert.Equal([0.6, 0.4], Numbers(traces[0]!["y"]));
        Assert.Equal([0.0, 0.02], Numbers(traces[0]!["error_y"]!["array"]));
        Assert.Equal("image zeroed", (string)traces[0]!["name"]!);
    }

    [Fact]
    public void FusionCharts_AreAccuracyAndMacroF1_PerMethod_OneSeriesPerReliability()
    {
        var charts = SectionCharts.Of(SectionTestTables.Result(RunSection.Fusion, SectionTestTables.Fusion()));
        Assert.Equal(2, charts.Count);
        var (traces, layout) = ChartJson.Parse(charts[0]);
        Assert.Equal(["0.8/0.1/0.1", "0.5/0.25/0.25"], Names(traces));
        Assert.Equal(["image-only", "gated"], Strings(traces[0]!["x"]));
        Assert.Equal([0.80, 0.90], Numbers(traces[0]!["y"])); // accuracy means of the 0.8 rows, from the hand-made table
        Assert.Equal([0.80, 0.85], Numbers(traces[1]!["y"]));
        Assert.Equal([0.01, 0.02], Numbers(traces[0]!["error_y"]!["array"]));
        Assert.Equal([0.01, 0.0], Numbers(traces[1]!["error_y"]!["array"])); // NaN std (one seed) draws no bar
        Assert.Contains("accuracy", (string)layout["title"]!);
        Assert.Equal([0.79, 0.84], Numbers(ChartJson.Parse(charts[1]).Traces[1]!["y"])); // macro_f1 means of the 0.5 rows
    }

    [Fact]
    public void ZeroShotCharts_OnePerMetric_IncludingOnesNoCodeNames()
    {
        var charts = SectionCharts.Of(SectionTestTables.Result(RunSection.ZeroShot, SectionTestTables.ZeroShot()));
        Assert.Equal(5, charts.Count);
        var (traces, layout) = ChartJson.Parse(charts[4]);
        Assert.EndsWith(": AUSUC", (string)layout["title"]!);
        Assert.Contains("(label text; ", (string)layout["title"]!);
        Assert.Equal(["fixed", "random"], Names(traces));
        Assert.Equal(["devise · minilm · names", "compatibility · minilm · names"], Strings(traces[0]!["x"]));
        Assert.Equal([0.25, 0.28], Numbers(traces[1]!["y"]));
        Assert.Equal([0.025, 0.028], Numbers(traces[1]!["error_y"]!["array"]), new ToleranceComparer(1e-12));
        var section = SectionTestTables.Result(RunSection.ZeroShot, SectionTestTables.ZeroShot());
        Assert.Equal([0.0, 0.04], Numbers(ChartJson.Parse(SectionCharts.Metric(section, "H")).Traces[0]!["y"])); // H mean, fixed split
        Assert.Contains("it has: ZSL, S, U, H, AUSUC", Assert.Throws<ArgumentException>(() => SectionCharts.Metric(section, "accuracy")).Message);
    }

    [Fact]
    public void RetrievalCharts_ClassificationJointBothDirections_AndMedianRankApart()
    {
        var charts = SectionCharts.Of(SectionTestTables.Result(RunSection.Retrieval, SectionTestTables.Retrieval()));
        Assert.Equal(3, charts.Count);
        var (classification, _) = ChartJson.Parse(charts[0]);
        Assert.Equal(["image->image"], Names(classification));
        Assert.Equal(["P@1", "mAP"], Strings(classification[0]!["x"]));
        var (joint, jointLayout) = ChartJson.Parse(charts[1]);
        Assert.Contains("(simulated text + label text; ", (string)jointLayout["title"]!); // the joint rows' text_source values
        Assert.Equal(["joint space (label descriptions) · text->image", "joint space (label descriptions) · image->text",
                      "joint space (simulated side text) · text->image", "joint space (simulated side text) · image->text"], Names(joint));
        Assert.Equal([0.55], Numbers(joint[1]!["y"]));
        var (ranks, layout) = ChartJson.Parse(charts[2]);
        Assert.Equal([2.0, 40.0], Numbers(ranks[0]!["y"]));
        Assert.Equal("median rank", (string)layout["yaxis"]!["title"]!);
    }

    [Fact]
    public void Headline_FormatsEachMetricAsMeanPlusMinusStd_OneRowPerSetting()
    {
        var fusion = SectionTestTables.Result(RunSection.Fusion, SectionTestTables.Fusion()).Headline();
        Assert.Equal(["method", "reliability", "text_source", "accuracy", "macro F1"], fusion.Columns.Select(c => c.Name));
        Assert.Equal("simulated", fusion.Columns["text_source"][0]);
        Assert.Equal("0.900 ± 0.020", fusion.Columns["accuracy"][2]);
        Assert.Equal("0.850 ± n/a", fusion.Columns["accuracy"][3]);
        var retrieval = SectionTestTables.Result(RunSection.Retrieval, SectionTestTables.Retrieval()).Headline();
        Assert.Equal(["task", "setting", "text_source", "P@1", "mAP", "R@1", "median rank"], retrieval.Columns.Select(c => c.Name));
        Assert.Equal(5, retrieval.Rows.Count); // distinct (task, setting, text source)
        Assert.Equal(["n/a", "label", "label", "simulated", "simulated"], Enumerable.Range(0, 5).Select(r => (string)retrieval.Columns["text_source"][r]));
        Assert.Equal("40.000 ± 5.000", retrieval.Columns["median rank"][3]);
        Assert.Equal("", retrieval.Columns["median rank"][2]); // that setting has no median-rank row
        Assert.Contains("AUSUC", SectionTables.Text(SectionTestTables.Result(RunSection.ZeroShot, SectionTestTables.ZeroShot()).Headline()));
        Assert.Contains("no setting column 'split'", Assert.Throws<ArgumentException>(() => SectionTables.Headline(SectionTestTables.Fusion(), ["split"])).Message);
    }

    [Theory]
    [InlineData(RunSection.Fusion, "simulated")]
    [InlineData(RunSection.Retrieval, "simulated")]
    [InlineData(RunSection.Retrieval, "label")]
    [InlineData(RunSection.ZeroShot, "label")]
    public void ReportPartTitles_NameTheTextTheSectionReads(RunSection section, string source) =>
        Assert.Contains(source + " ", SectionReportHtml.Title(section));

    [Fact]
    public void FusionHeadline_NamesSubsetRunsByModel_AndShowsAMissingAblationMeanAsNotApplicable()
    {
        string[] Settings(string method, string model) => [method, "hidden=256", "0.8/0.1/0.1", model, "simulated"];
        var table = new ResultTable(["method", "params", "reliability", "model", "text_source"],
        [
            new(Settings("image-only", "image-only (1000/class)"), "accuracy", 0.8, 0.01, 2),
            new(Settings("image-only", "image-only (1000/class)"), "image_zeroed", double.NaN, double.NaN, 2),
            new(Settings("gated", "gated"), "accuracy", 0.9, 0.02, 2),
            new(Settings("gated", "gated"), "image_zeroed", 0.6, 0.01, 2),
        ]);
        var headline = SectionTestTables.Result(RunSection.Fusion, table).Headline();
        Assert.Equal(["model", "reliability", "text_source", "accuracy", "image zeroed"], headline.Columns.Select(c => c.Name));
        Assert.Equal("image-only (1000/class)", headline.Columns["model"][0]);
        Assert.Equal("n/a", headline.Columns["image zeroed"][0]);
        Assert.Equal("0.600 ± 0.010", headline.Columns["image zeroed"][1]);
    }

    [Fact]
    public void Text_AlignsTheNamedColumns_WithOrWithoutARule()
    {
        var frame = new DataFrame(new StringDataFrameColumn("task", ["a", "longer"]), new DoubleDataFrameColumn("value", [0.5, 12.25]),
                                  new StringDataFrameColumn("unused", ["x", "y"]));
        // Columns padded to their widest cell (6 and 5), two spaces apart, trailing spaces trimmed, a newline per line.
        Assert.Equal("task    value\na       0.5\nlonger  12.25\n", SectionTables.Text(frame, ["task", "value"], rule: false));
        Assert.Equal("task    value\n------  -----\na       0.5\nlonger  12.25\n", SectionTables.Text(frame, ["task", "value"], rule: true));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
