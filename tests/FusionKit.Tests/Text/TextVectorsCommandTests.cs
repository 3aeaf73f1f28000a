using FusionKit.Cli;

namespace FusionKit.Tests.Text;

public sealed class TextVectorsCommandTests
{
    [Fact]
    public void Run_ReportsChosenFileAndMissingTokens()
    {
        using var temp = new TempFolder();
        temp.Write("glove.tiny.2d.txt", "t 1 0\nshirt 0 2\ntop 3 4\n");
        var output = new StringWriter();
        var code = Program.Run(["text", "vectors", "--dir", temp.Path, "T-shirt/top", "Red top"], output, new StringWriter());
        var text = output.ToString();
        Assert.Equal(0, code); // SkipToken: "Red top" still has "top"
        Assert.Contains("glove.tiny.2d.txt (user file", text);
        Assert.Contains("\"T-shirt/top\" -> [t, shirt, top]; all known", text);
        Assert.Contains("\"Red top\" -> [red, top]; missing: red", text);
    }

    [Fact]
    public void Run_ErrorPolicyFailsOnMissingToken()
    {
        using var temp = new TempFolder();
        var path = temp.Write("v.txt", "top 3 4\n");
        var output = new StringWriter();
        Assert.Equal(1, Program.Run(["text", "vectors", "--file", path, "--oov", "error", "Red top"], output, new StringWriter()));
        Assert.Contains("no vector for 'red'", output.ToString());
    }

    [Fact]
    public void Run_DefaultFileCoversFashionMnistClassNames()
    {
        var path = Path.Combine(FusionKit.Text.WordEmbeddings.WordVectorDiscovery.FindEmbeddingsDirectory()!, FusionKit.Text.WordEmbeddings.DefaultWordVectors.FileName);
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["text", "vectors", "--file", path, "--oov", "error"], output, new StringWriter()));
        Assert.Contains("all 10 text(s) can be embedded (384 dims)", output.ToString());
    }

    [Fact]
    public void Run_BadLineFailsNamingIt_SkipBadListsItAndGoesOn()
    {
        using var temp = new TempFolder();
        var path = temp.Write("v.txt", "top 3 4\nred 1 NaN\nshirt 1 1\n");
        var error = new StringWriter();
        Assert.NotEqual(0, Program.Run(["text", "vectors", "--file", path, "Red top"], new StringWriter(), error));
        Assert.Contains($"{path}: line 2, word 'red': number 2 of 2 'NaN' is not a finite number.", error.ToString());

        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["text", "vectors", "--skip-bad", "--file", path, "Red top"], output, new StringWriter()));
        Assert.Contains($"skipped {path}: line 2, word 'red': number 2 of 2 'NaN' is not a finite number", output.ToString());
        Assert.Contains("\"Red top\" -> [red, top]; missing: red", output.ToString());
    }
}
