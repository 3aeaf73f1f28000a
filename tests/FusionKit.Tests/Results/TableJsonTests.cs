using System.Text.Json.Nodes;
using FusionKit.Results;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Results;

public class TableJsonTests
{
    [Fact]
    public void RoundTrip_KeepsTypesAndExactValues_AndNulls()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("name", ["a, \"quoted\"", null, "ü"]),
            new DoubleDataFrameColumn("x", [0.1 + 0.2, null, -2.5]),
            new DoubleDataFrameColumn("y", [1e-300, 4, null]),
            new Int32DataFrameColumn("n", [1, null, -3]),
            new Int64DataFrameColumn("big", [long.MaxValue, 0, -1]),
            new BooleanDataFrameColumn("flag", [true, false, null]));

        var text = TableJson.ToJson(frame).ToJsonString();
        var back = TableJson.FromJson(JsonNode.Parse(text), "test.json");

        Assert.Equal(frame.Columns.Select(c => (c.Name, c.GetType())), back.Columns.Select(c => (c.Name, c.GetType())));
        for (var c = 0; c < frame.Columns.Count; c++)
            for (long r = 0; r < frame.Rows.Count; r++)
                Assert.Equal(frame.Columns[c][r], back.Columns[c][r]); // object.Equals: 0.30000000000000004 exact
    }

    [Fact]
    public void MissingValueRule_NaNAndInfinityAreWrittenAsNull_NeverAsText()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("std", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, null, 0.5]));

        var text = TableJson.ToJson(frame).ToJsonString();

        Assert.Equal("""{"columns":[{"name":"std","type":"double","values":[null,null,null,null,0.5]}]}""", text);
        var back = TableJson.FromJson(JsonNode.Parse(text), "t.json").Columns["std"];
        Assert.Equal([null, null, null, null, 0.5], Enumerable.Range(0, 5).Select(r => back[r]));
        var oldText = JsonNode.Parse("""{"columns":[{"name":"std","type":"double","values":["NaN"]}]}"""); // an earlier release's form
        Assert.Contains("'std'", Assert.Throws<InvalidDataException>(() => TableJson.FromJson(oldText, "old.json")).Message);
    }

    [Fact]
    public void FromJson_UnevenColumns_NameTheSourceAndColumn()
    {
        var json = JsonNode.Parse("""{"columns":[{"name":"a","type":"int","values":[1,2]},{"name":"b","type":"int","values":[1]}]}""");
        var error = Assert.Throws<InvalidDataException>(() => TableJson.FromJson(json, "run/fusion/section.json"));
        Assert.Contains("run/fusion/section.json", error.Message);
        Assert.Contains("'b'", error.Message);
        var wrongType = JsonNode.Parse("""{"columns":[{"name":"a","type":"double","values":["many"]}]}""");
        Assert.Contains("'a'", Assert.Throws<InvalidDataException>(() => TableJson.FromJson(wrongType, "f.json")).Message);
    }
}
