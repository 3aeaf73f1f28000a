using FusionKit.Platform;

namespace FusionKit.Tests.Platform;

/// <summary>The one device setting: words, and what auto, cpu and cuda mean on machines with and without a GPU.</summary>
public class ComputeDevicesTests
{
    [Theory]
    [InlineData("auto", ComputeDevice.Auto)]
    [InlineData("CPU", ComputeDevice.Cpu)]
    [InlineData(" cuda ", ComputeDevice.Cuda)]
    public void Parse_AcceptsTheOptionWords(string text, ComputeDevice expected) => Assert.Equal(expected, ComputeDevices.Parse(text));

    [Fact]
    public void Parse_UnknownWord_ListsTheAcceptedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ComputeDevices.Parse("rocm"));
        Assert.Contains("'rocm'", error.Message);
        Assert.Contains("auto, cpu, cuda", error.Message);
    }

    [Fact]
    public void Names_RoundTripThroughParse() =>
        Assert.All(ComputeDevices.Names, name => Assert.Equal(name, ComputeDevices.Name(ComputeDevices.Parse(name))));

    [Fact]
    public void Auto_WithoutCuda_IsCpu_AndSaysWhy()
    {
        var (device, reason) = ComputeDevices.Resolve(ComputeDevice.Auto, cudaDevices: 0);
        Assert.Equal(ComputeDevice.Cpu, device);
        Assert.Contains("no CUDA device", reason);
        Assert.Contains("TorchSharp-cpu", reason);
    }

    [Fact]
    public void Auto_WithCuda_IsCuda()
    {
        var (device, reason) = ComputeDevices.Resolve(ComputeDevice.Auto, cudaDevices: 2);
        Assert.Equal(ComputeDevice.Cuda, device);
        Assert.Contains("2 CUDA device(s)", reason);
    }

    [Fact]
    public void Cpu_StaysOnTheCpu_EvenWithCuda() =>
        Assert.Equal(ComputeDevice.Cpu, ComputeDevices.Resolve(ComputeDevice.Cpu, cudaDevices: 1).Device);

    [Fact]
    public void Cuda_WithCuda_IsCuda() =>
        Assert.Equal(ComputeDevice.Cuda, ComputeDevices.Resolve(ComputeDevice.Cuda, cudaDevices: 1).Device);

    [Fact]
    public void Cuda_WithoutCuda_IsRefused_SayingWhatToDo()
    {
        var error = Assert.Throws<ComputeDeviceUnavailableException>(() => ComputeDevices.Resolve(ComputeDevice.Cuda, cudaDevices: 0));
        Assert.Contains("no CUDA device", error.Message);
        Assert.Contains("Use cpu or auto", error.Message);
        Assert.Contains("-p:TorchDevice=cuda", error.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(error); // the CLI prints such messages without a stack trace
    }

    [Fact]
    public void ThisMachine_AutoFollowsWhatTorchSharpSees()
    {
        var cuda = ComputeDevices.CudaDeviceCount();
        var (device, _) = ComputeDevices.Resolve(ComputeDevice.Auto);
        Assert.Equal(cuda > 0 ? ComputeDevice.Cuda : ComputeDevice.Cpu, device);
        Assert.Equal(cuda > 0 ? TorchSharp.DeviceType.CUDA : TorchSharp.DeviceType.CPU, ComputeDevices.Torch(ComputeDevice.Auto).type);
        Assert.Equal(TorchSharp.DeviceType.CPU, ComputeDevices.Torch(ComputeDevice.Cpu).type);
        if (cuda == 0) Assert.Throws<ComputeDeviceUnavailableException>(() => ComputeDevices.Torch(ComputeDevice.Cuda));
    }

    [Fact]
    public void LibTorchBuild_OfTheDefaultBuild_IsCpu()
    {
        TorchRuntime.EnsureReady();
        // The test project builds with the default TorchDevice (cpu); a -p:TorchDevice=cuda build reports cuda.
        Assert.Equal(ComputeDevices.CudaDeviceCount() > 0 ? "cuda" : "cpu", ComputeDevices.LibTorchBuild());
    }
}
