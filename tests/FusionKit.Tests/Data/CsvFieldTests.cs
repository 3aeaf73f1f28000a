using FusionKit.Data;

namespace FusionKit.Tests.Data;

public class CsvFieldTests
{
    // RFC 4180 section 2, rules 6 and 7: fields holding a comma, a double quote or a line break are enclosed in
    // double quotes, and a double quote inside is escaped by doubling it.
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "")]
    public void Quote_FollowsRfc4180(string field, string expected) => Assert.Equal(expected, CsvField.Quote(field));

    // The same rules read back: a quoted field keeps its commas, "" is one quote, an empty last field counts.
    [Fact]
    public void Split_ReadsWhatQuoteWrites()
    {
        Assert.Equal(["a", "b, c", "say \"hi\"", ""], CsvField.Split("a,\"b, c\",\"say \"\"hi\"\"\","));
        string[] fields = ["plain", "a,b", "say \"hi\"", "", "x"];
        Assert.Equal(fields, CsvField.Split(string.Join(',', fields.Select(CsvField.Quote))));
    }
}
