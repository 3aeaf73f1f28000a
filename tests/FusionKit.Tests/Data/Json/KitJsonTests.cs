using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;

namespace FusionKit.Tests.Data.Json;

public class KitJsonTests
{
    private sealed record Scores(double Mean, double Std, double? Optional, IReadOnlyList<double> PerSeed);

    [Fact]
    public void MissingValueRule_NaNAndInfinityAreWrittenAsNull_AndReadBackAsNaN()
    {
        var scores = new Scores(0.1 + 0.2, double.NaN, null, [1, double.PositiveInfinity]);

        var text = JsonSerializer.Serialize(scores, KitJson.Compact);

        // Same rule as TableCsv's empty field: a missing number is null, never the text "NaN".
        Assert.Equal("""{"mean":0.30000000000000004,"std":null,"optional":null,"perSeed":[1,null]}""", text);
        var back = JsonSerializer.Deserialize<Scores>(text, KitJson.Options)!;
        Assert.Equal(0.1 + 0.2, back.Mean); // round-trip form, exact
        Assert.True(double.IsNaN(back.Std));
        Assert.Null(back.Optional);
        Assert.True(double.IsNaN(back.PerSeed[1]));
    }

    [Fact]
    public void OldNaNText_IsRefused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Scores>("""{"mean":1,"std":"NaN","perSeed":[]}""", KitJson.Options));
    }

    [Fact]
    public void Options_IndentCamelCaseAndEnumNames_CompactOnOneLine()
    {
        var text = JsonSerializer.Serialize(new { Split = FashionMnistSplit.Test, Name = "T-shirt/top é" }, KitJson.Options);
        Assert.Contains("\n", text);
        Assert.Contains("\"split\": \"Test\"", text);
        Assert.Contains("\"name\": \"T-shirt/top é\"", text); // non-ASCII and '/' as is
        Assert.DoesNotContain("\n", JsonSerializer.Serialize(new { A = 1 }, KitJson.Compact));
    }
}
