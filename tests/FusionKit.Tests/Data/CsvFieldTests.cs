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
}
