using FusionKit.Cli;

namespace FusionKit.Tests.Experiments;

public class CaseStudyCommandTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("--seeds", "0,x", "'x' is not an integer")]
    [InlineData("--seeds", "1,1", "1 is given twice")]
    [InlineData("--profile", "huge", "Unknown profile 'huge'")]
    [InlineData("--epochs", "0", "--epochs must be in 1..")]
    [InlineData("--resume", "/nonexistent/run", "does not exist")]
    [InlineData("--colour", "blue", "unknown option '--colour'")]
    public void BadArguments_AreUsageErrors_ThatNameTheArgument(string option, string value, string message)
    {
        var (code, error) = Run("case-study", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Help_ListsTheOptions()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["help", "case-study"], output, new StringWriter()));
        foreach (var option in new[] { "--profile", "--seeds", "--epochs", "--out", "--resume", "--threads" })
            Assert.Contains(option, output.ToString());
    }
}
