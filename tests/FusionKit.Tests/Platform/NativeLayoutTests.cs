using FusionKit.Platform;

namespace FusionKit.Tests.Platform;

public sealed class NativeLayoutTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string _root => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Touch(params string[] parts)
    {
        var path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void BuildOutput_FindsBindingAndLibtorchBesideTheProgram()
    {
        var binding = Touch("bin", "libLibTorchSharp.so");
        Touch("bin", "libtorch_cpu.so");
        var torchSharp = Touch("bin", "TorchSharp.dll");
        var layout = NativeLayout.Locate(torchSharp, Path.Combine(_root, "bin"));
        Assert.NotNull(layout);
        Assert.Equal(binding, layout.LibTorchSharp);
        Assert.Equal(Path.Combine(_root, "bin"), layout.LibtorchDirectory);
        Assert.Null(layout.ConsolidatedDirectory);
    }

    [Fact]
    public void NuGetCacheLayout_OfANotebook_FindsBothPackagesAndTorchSharpsConsolidationFolder()
    {
        // The layout `#r "nuget: TorchSharp-cpu"` loads from (seen in ~/.nuget/packages with TorchSharp 0.107.0).
        var torchSharp = Touch("packages", "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");
        var binding = Touch("packages", "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Touch("packages", "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native", "libtorch_cpu.so");
        var layout = NativeLayout.Locate(torchSharp, Path.Combine(_root, "repl-tool"));
        Assert.NotNull(layout);
        Assert.Equal(binding, layout.LibTorchSharp);
        Assert.Equal(Path.Combine(_root, "packages", "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native"), layout.LibtorchDirectory);
        Assert.Equal(Path.Combine(_root, "packages", "torchsharp", "0.107.0", "lib", "net8.0", "cpu"), layout.ConsolidatedDirectory);
    }

    [Fact]
    public void UnknownLayout_IsLeftToTorchSharp()
    {
        var torchSharp = Touch("elsewhere", "TorchSharp.dll");
        Assert.Null(NativeLayout.Locate(torchSharp, Path.Combine(_root, "app")));
    }
}
