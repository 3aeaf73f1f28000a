using FusionKit.Cli;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>`fusionkit bench fuse` rejects bad arguments before it loads any data, naming the option.</summary>
public class BenchFuseCommandTests
{
    [Theory]
    [InlineData("--methods", "concat,nope")]
    [InlineData("--methods", "image-only")] // a baseline, not a fusion method
    [InlineData("--threads", "0")]
    [InlineData("--mfb-output", "0")]
    [InlineData("--profile", "huge")]
    public void BadValue_IsAUsageError_NamingTheOption(string option, string value)
    {
        var error = new StringWriter();
        var code = Program.Run(["bench", "fuse", option, value], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.Contains(option.TrimStart('-'), error.ToString());
    }

    [Fact]
    public void Help_StatesTheTarget()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["help", "bench", "fuse"], output, new StringWriter()));
        Assert.Contains("10-second target", output.ToString());
    }
}
