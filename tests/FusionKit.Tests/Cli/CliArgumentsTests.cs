using FusionKit.Cli;

namespace FusionKit.Tests.Cli;

public class CliArgumentsTests
{
    [Fact]
    public void Options_ParseNameValueEqualsAndFlags()
    {
        var a = new CliArguments(["pos", "--batch", "32", "--size=224", "--verbose"]);
        Assert.Equal(["pos"], a.Positional);
        Assert.Equal(32, a.Int("batch", 1));
        Assert.Equal(224, a.Int("size", 1));
        Assert.True(a.Flag("verbose"));
        Assert.False(a.Flag("absent"));
        a.EnsureAllUsed();
    }

    [Fact]
    public void UnknownOption_IsRejectedByName()
    {
        var a = new CliArguments(["--batchh", "32"]);
        var e = Assert.Throws<CliUsageException>(a.EnsureAllUsed);
        Assert.Contains("--batchh", e.Message);
    }

    [Fact]
    public void BadInteger_NamesTheOption()
    {
        var a = new CliArguments(["--batch", "many"]);
        var e = Assert.Throws<CliUsageException>(() => a.Int("batch", 1));
        Assert.Contains("--batch", e.Message);
        Assert.Contains("many", e.Message);
    }

    [Fact]
    public void UnknownCommand_ExitsWithUsageError()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["no-such-command"], output, error));
        Assert.Contains("unknown command", error.ToString());
    }
}
