using FusionKit.Interactive;
using FusionKit.Results;
using FusionKit.Vision;
using Microsoft.DotNet.Interactive.Formatting;

namespace FusionKit.Tests.Interactive;

public class NotebookSessionTests
{
    [Fact]
    public void Start_SaysWhichImagePrecisionTheSessionUses_AndWhy()
    {
        var session = NotebookSession.Start();
        // The same resolution the command line makes (doctor, --precision auto) on this machine.
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        Assert.Equal($"{ImagePrecisionChoice.Name(precision)} ({reason})", session.Precision);
        Assert.Matches("^(fp32|bf16) \\(auto: ", session.Precision);
    }

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
