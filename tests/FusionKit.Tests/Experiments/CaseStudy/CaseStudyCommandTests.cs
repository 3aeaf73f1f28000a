using FusionKit.Cli;

namespace FusionKit.Tests.Experiments.CaseStudy;

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
    public void Resume_RefusesAFolderOfAnOldSchemeOrAnotherCommand()
    {
        using var temp = new TempFolder();
        var old = Directory.CreateDirectory(Path.Combine(temp.Path, "20261128-1210-smoke")).FullName;
        var (code, error) = Run("case-study", "--resume", old);
        Assert.Equal(2, code);
        Assert.Contains("not a run folder of this release", error);
        var fuse = FusionKit.Runs.RunFolder.Create("fuse", "smoke", temp.Path).Path;
        (code, error) = Run("case-study", "--resume", fuse);
        Assert.Equal(2, code);
        Assert.Contains("is a fuse run, not a case-study run", error);
        var smoke = FusionKit.Runs.RunFolder.Create("case-study", "smoke", temp.Path).Path;
        (code, error) = Run("case-study", "--resume", smoke, "--profile", "default");
        Assert.Equal(2, code);
        Assert.Contains("ran on the smoke profile, not default", error);
        // A run folder of the earlier layout (case study at the top) is refused before anything runs, saying to rerun.
        var earlier = FusionKit.Runs.RunFolder.Create("case-study", "smoke", temp.Path).Path;
        File.WriteAllText(Path.Combine(earlier, "metrics.json"), "{}");
        (code, error) = Run("case-study", "--resume", earlier);
        Assert.Equal(2, code);
        Assert.Contains("written by an earlier release", error);
        Assert.Contains("Rerun it into a new folder", error);
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
