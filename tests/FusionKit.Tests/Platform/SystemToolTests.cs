using FusionKit.Platform;

namespace FusionKit.Tests.Platform;

public sealed class SystemToolTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly string? savedPath = Environment.GetEnvironmentVariable("PATH");
    private readonly string? savedRequire = Environment.GetEnvironmentVariable(SystemToolRequirement.RequireVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", savedPath);
        Environment.SetEnvironmentVariable(SystemToolRequirement.RequireVariable, savedRequire);
        folder.Dispose();
    }

    private string Script(string relative, bool executable)
    {
        var path = folder.Write(relative, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, executable ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Fact]
    public void Find_ReturnsTheFirstExecutableOnPath_SkippingNonExecutableFilesAndMissingFolders()
    {
        Script("a/fk-tool", executable: false);
        var second = Script("b/fk-tool", executable: true);
        Script("c/fk-tool", executable: true);
        var a = Path.Combine(folder.Path, "a");
        Environment.SetEnvironmentVariable("PATH", string.Join(Path.PathSeparator,
            Path.Combine(folder.Path, "missing"), a, Path.Combine(folder.Path, "b"), Path.Combine(folder.Path, "c")));

        Assert.Equal(second, SystemTool.Find("fk-tool"));
        Assert.Null(SystemTool.Find("fk-absent"));
        // a name with a separator is a path: found when executable, not searched on PATH
        Assert.Equal(second, SystemTool.Find(second));
        Assert.Null(SystemTool.Find(Path.Combine(a, "fk-tool")));
    }

    [Fact]
    public void InstallHint_NamesTheDebianPackagesOfTheTool()
    {
        Assert.Contains("apt-get install chromium ", SystemTool.InstallHint("chromium"));
        Assert.Contains("apt-get install pocketsphinx pocketsphinx-en-us ", SystemTool.InstallHint("pocketsphinx_continuous"));
        Assert.Contains("apt-get install espeak-ng ", SystemTool.InstallHint("espeak-ng"));
        Assert.Contains("environment/install-system-deps.sh", SystemTool.InstallHint("chromium"));
        // the script the hint names exists in the repository
        Assert.True(File.Exists(Path.Combine(KitPaths.RepositoryRoot()!, "environment", "install-system-deps.sh")));
    }

    [Fact]
    public void MissingTool_SkipsWithTheInstallCommand_UnlessRequired()
    {
        Environment.SetEnvironmentVariable("PATH", folder.Path);
        Environment.SetEnvironmentVariable(SystemToolRequirement.RequireVariable, null);

        var skip = new SystemToolFactAttribute("espeak-ng").Skip;

        Assert.Contains("Needs espeak-ng, which is not on PATH", skip);
        Assert.Contains("apt-get install espeak-ng", skip);
        Assert.Equal(skip, new SystemToolTheoryAttribute("espeak-ng").Skip);

        Environment.SetEnvironmentVariable(SystemToolRequirement.RequireVariable, "1");
        Assert.Null(new SystemToolFactAttribute("espeak-ng").Skip);
        Assert.Null(new SystemToolTheoryAttribute("espeak-ng").Skip);
        // ... and the check that runs before each test fails it, saying the tool is required
        var e = Assert.ThrowsAny<Exception>(() => SystemToolRequirement.ThrowIfMissing(["espeak-ng"]));
        Assert.Contains("espeak-ng is required here (FUSIONKIT_REQUIRE_SYSTEM_TOOLS=1, as in CI)", e.Message);
    }

    [Fact]
    public void PresentTool_RunsAndPassesTheCheck()
    {
        Script("espeak-ng", executable: true);
        Environment.SetEnvironmentVariable("PATH", folder.Path);
        Environment.SetEnvironmentVariable(SystemToolRequirement.RequireVariable, "1");

        Assert.Null(new SystemToolFactAttribute("espeak-ng").Skip);
        SystemToolRequirement.ThrowIfMissing(["espeak-ng"]);
    }
}
