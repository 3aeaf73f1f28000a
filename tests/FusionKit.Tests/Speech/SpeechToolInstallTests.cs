using FusionKit.Platform;

namespace FusionKit.Tests.Speech;

public class SpeechToolInstallTests
{
    [Theory]
    [InlineData("pocketsphinx_continuous")]
    [InlineData("espeak-ng")]
    public void InstallScript_ChecksTheToolAndInstallsItsPackages(string tool)
    {
        // CI installs system tools only through this script; a speech tool it forgot would fail every voice test in CI.
        var script = File.ReadAllText(Path.Combine(KitPaths.RepositoryRoot()!, "environment", "install-system-deps.sh"));
        Assert.Contains($"command -v {tool} ", script);
        foreach (var package in SystemTool.DebianPackages[tool])
            Assert.Contains($"need+=({package})", script);
    }
}
