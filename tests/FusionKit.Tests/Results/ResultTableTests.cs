using System.Text.Json.Nodes;
using FusionKit.Data.Json;
using FusionKit.Evaluation;
using FusionKit.Results;

namespace FusionKit.Tests.Results;

/// <summary>The one result-table shape: hand-built rows, their CSV and JSON forms, the missing-value rule and the wide view.</summary>
public class ResultTableTests
{
    // Hand-built: two settings x two metrics; one seed for "late" (std missing), an ablation with no mean for "image-only".
    private static ResultTable Table() => new(["method", "reliability"],
    [
        new(["gated", "0.8/0.1/0.1"], "accuracy", 0.1 + 0.2, 0.0125, 3),
        new(["gated", "0.8/0.1/0.1"], "image_zeroed", 0.5, 0.25, 3),
        new(["image-only", "a, \"quoted\" value"], "accuracy", 0.8, double.NaN, 1),
        new(["image-only", "a, \"quoted\" value"], "image_zeroed", double.NaN, double.NaN, 1),
    ]);

    [Fact]
    public void Csv_IsSettingsThenMetricMeanStdN_MissingValuesEmpty()
    {
        var csv = Table().ToCsv();

        Assert.Equal(
            "method,reliability,metric,mean,std,n\n" +
            "gated,0.8/0.1/0.1,accuracy,0.30000000000000004,0.0125,3\n" +
            "gated,0.8/0.1/0.1,image_zeroed,0.5,0.25,3\n" +
            "image-only,\"a, \"\"quoted\"\" value\",accuracy,0.8,,1\n" +
            "image-only,\"a, \"\"quoted\"\" value\",image_zeroed,,,1\n", csv);
    }

    [Fact]
    public void Csv_RoundTrips_EveryValueExactly_MissingAsNaN()
    {
        var back = ResultTable.FromCsv(Table().ToCsv(), "table.csv");

        AssertSame(Table(), back);
    }

    [Fact]
    public void Json_RoundTrips_MissingValuesAreNull_NeverNaNText()
    {
        var text = Table().ToJson().ToJsonString(KitJson.Options);

        Assert.DoesNotContain("NaN", text);
        var std = JsonNode.Parse(text)!["columns"]!.AsArray().Single(c => (string)c!["name"]! == "std")!["values"]!.AsArray();
        Assert.Equal([false, false, true, true], std.Select(v => v is null));
        AssertSame(Table(), ResultTable.FromJson(JsonNode.Parse(text), "section.json"));
    }

    [Fact]
    public void Wide_DerivesMeanStdAndNColumnsPerMetric()
    {
        var wide = Table().Wide();

        Assert.Equal(["method", "reliability", "accuracy_mean", "accuracy_std", "accuracy_n", "image_zeroed_mean", "image_zeroed_std", "image_zeroed_n"],
                     wide.Columns.Select(c => c.Name));
        Assert.Equal(2, wide.Rows.Count);
        Assert.Equal(0.1 + 0.2, (double)wide.Columns["accuracy_mean"][0]!);
        Assert.Equal(1, (int)wide.Columns["accuracy_n"][1]!);
        Assert.True(double.IsNaN((double)wide.Columns["accuracy_std"][1]!));
        var partial = new ResultTable(["m"], [new(["a"], "x", 1, 0, 2), new(["b"], "y", 2, 0, 2)]).Wide();
        Assert.Null(partial.Columns["x_mean"][1]); // "b" has no row of "x": a missing cell
    }

    [Fact]
    public void Metrics_CellsAndFilters_ReadTheRowsByType()
    {
        var table = Table();

        Assert.Equal(["accuracy", "image_zeroed"], table.Metrics);
        Assert.Equal("image-only", table.Cell(table.Rows[2], "method"));
        Assert.Equal("accuracy", table.Cell(table.Rows[2], ResultTable.MetricColumn));
        Assert.Equal([0.1 + 0.2, 0.8], table.OfMetric("accuracy").Rows.Select(r => r.Mean));
        Assert.Contains("it has: method, reliability", Assert.Throws<ArgumentException>(() => table.Cell(table.Rows[0], "split")).Message);
        var summary = ResultRow.Of(["x"], "accuracy", MetricSummary.Of([0.8, 0.9]));
        Assert.Equal((0.85, 0.070711, 2), (Math.Round(summary.Mean, 6), Math.Round(summary.Std, 6), summary.N)); // sample std |0.9 - 0.8| / sqrt(2)
    }

    [Fact]
    public void BadTables_AreRefused_NamingTheSourceLineAndColumn()
    {
        Assert.Contains("do not end in metric, mean, std, n", Assert.Throws<InvalidDataException>(() =>
            ResultTable.FromCsv("method,accuracy_mean,accuracy_std\ngated,0.9,0.01\n", "old/sweep.csv")).Message);
        var notANumber = Assert.Throws<InvalidDataException>(() => ResultTable.FromCsv("m,metric,mean,std,n\na,acc,NaN,,1\n", "t.csv"));
        Assert.Contains("t.csv: line 2: column 'mean' holds 'NaN'", notANumber.Message);
        Assert.Contains("line 2: 4 fields", Assert.Throws<InvalidDataException>(() => ResultTable.FromCsv("m,metric,mean,std,n\na,acc,1,2\n", "t.csv")).Message);
        Assert.Throws<ArgumentException>(() => new ResultTable(["metric"], []));
        Assert.Throws<ArgumentException>(() => new ResultTable(["a", "b"], [new(["only one"], "x", 1, 0, 1)]));
    }

    private static void AssertSame(ResultTable expected, ResultTable actual)
    {
        Assert.Equal(expected.SettingColumns, actual.SettingColumns);
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var (e, a) in expected.Rows.Zip(actual.Rows))
        {
            Assert.Equal(e.Settings, a.Settings);
            Assert.Equal((e.Metric, e.Mean, e.Std, e.N), (a.Metric, a.Mean, a.Std, a.N)); // double.Equals: NaN equals NaN, 0.30000000000000004 exact
        }
    }
}
