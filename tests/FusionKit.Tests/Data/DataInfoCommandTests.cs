using FusionKit.Data;
using FusionKit.Tests.Data.Manifest;

namespace FusionKit.Tests.Data;

public class DataInfoCommandTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = FusionKit.Cli.Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TestSplit_PrintsCountsPerClassAndFingerprint()
    {
        var (code, output, _) = Run("data", "info", "--split", "test");
        Assert.Equal(0, code);
        Assert.Contains("samples      10,000", output);
        Assert.Contains($"fingerprint  {FashionMnist.Fingerprint(FashionMnistSplit.Test)}", output);
        Assert.Contains("    9  Ankle boot     1,000", output);
        Assert.Contains("image size   28x28x1", output);
    }

    [Fact]
    public void Manifest_PrintsClassesAndSkippedRows()
    {
        var path = _folder.Write("m.csv", "image,text,label\nimg/gray.png,,bag\nimg/colour.png,,shirt\nimg/colour.png,,shirt\nimg/nope.png,,bag\n");
        var (code, output, _) = Run("data", "info", "--manifest", path, "--skip-bad");
        Assert.Equal(0, code);
        Assert.Contains("samples      3", output);
        Assert.Contains("    1  shirt        2", output); // label, class padded to 5, count right-aligned to 7
        Assert.Contains("skipped 1 bad row:", output);
        Assert.Contains($"{path}: line 5, image 'img/nope.png': image file not found", output);
    }

    [Fact]
    public void BadManifest_FailsWithTheRowError()
    {
        var path = _folder.Write("m.csv", "image,text,label\nimg/nope.png,,bag\n");
        var (code, _, error) = Run("data", "info", "--manifest", path);
        Assert.Equal(1, code);
        Assert.Contains($"{path}: line 2, image 'img/nope.png': image file not found", error);
    }

    [Fact]
    public void ManifestAndSplitTogether_IsAUsageError()
    {
        var (code, _, error) = Run("data", "info", "--manifest", "x.csv", "--split", "test");
        Assert.Equal(2, code);
        Assert.Contains("either --manifest or --split", error);
    }
}
