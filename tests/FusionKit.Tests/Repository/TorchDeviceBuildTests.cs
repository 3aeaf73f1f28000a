using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using FusionKit.Platform;

namespace FusionKit.Tests.Repository;

/// <summary>
/// The TorchDevice build property: the default build references TorchSharp-cpu only, -p:TorchDevice=cuda references
/// TorchSharp-cuda-linux instead (same TorchSharp version), another word stops the build naming the choices. The
/// project files are evaluated by MSBuild itself (no restore: the CUDA package is not needed to evaluate them).
/// </summary>
public class TorchDeviceBuildTests
{
    private static string Root => KitPaths.RepositoryRoot() ?? throw new InvalidOperationException("Tests run inside the repository.");

    private static string Library => Path.Combine(Root, "lib", "FusionKit", "FusionKit.csproj");

    private static (int Code, string Output) MsBuild(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in new[] { "msbuild", Library, "-nologo", "-nodeReuse:false" }.Concat(args)) start.ArgumentList.Add(a);
        // The test host's MSBuild variables, and a TorchDevice set in the environment (MSBuild reads it as the property), stay out.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "TorchDevice" }) start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string[] TorchPackages(params string[] properties)
    {
        var (code, output) = MsBuild([.. properties, "-getItem:PackageReference"]);
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .Select(e => e.GetProperty("Identity").GetString()!).Where(n => n.StartsWith("TorchSharp", StringComparison.Ordinal)).ToArray();
    }

    [Fact]
    public void DefaultBuild_ReferencesTorchSharpCpuOnly() => Assert.Equal(["TorchSharp-cpu"], TorchPackages());

    [Fact]
    public void CudaBuild_ReferencesTorchSharpCudaLinuxInstead() => Assert.Equal(["TorchSharp-cuda-linux"], TorchPackages("-p:TorchDevice=cuda"));

    [Fact]
    public void UnknownTorchDevice_StopsTheBuild_NamingTheChoices()
    {
        var (code, output) = MsBuild("-p:TorchDevice=rocm", "-t:CheckTorchDevice");
        Assert.NotEqual(0, code);
        Assert.Contains("TorchDevice is 'rocm'", output);
        Assert.Contains("-p:TorchDevice=cuda", output);
    }

    [Fact]
    public void CudaPackage_IsPinnedAtTheCpuPackagesVersion()
    {
        var versions = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        Assert.Equal(versions["TorchSharp-cpu"], versions["TorchSharp-cuda-linux"]);
    }

    [Fact]
    public void Readme_DocumentsTheSwitch_AndThatTheCudaPackageIsUntestedHere()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.Contains("## GPU", readme);
        Assert.Contains("-p:TorchDevice=cuda", readme);
        Assert.Contains("TorchSharp-cuda-linux", readme);
        Assert.Contains("--device", readme);
        Assert.Contains("not served", readme);
    }
}
