using FusionKit.Interactive;
using FusionKit.Results;
using Microsoft.DotNet.Interactive.Formatting;

namespace FusionKit.Tests.Interactive;

public class NotebookSessionTests
{
    [Fact]
    public void ResultTable_DisplaysAsItsLongForm_InANotebook()
    {
        NotebookSession.RegisterFormatters();
        var table = new ResultTable(["model"], [new(["gated <1>"], "accuracy", 0.875, double.NaN, 1)]);

        var html = table.ToDisplayString(HtmlFormatter.MimeType);

        foreach (var header in new[] { "model", "metric", "mean", "std", "n" }) Assert.Contains(header, html);
        Assert.Contains("gated &lt;1&gt;", html); // encoded, as the data frame formatter writes cells
        Assert.Contains("0.875", html);
    }
}
