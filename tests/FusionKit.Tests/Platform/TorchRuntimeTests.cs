using FusionKit.Platform;
using TorchSharp;

namespace FusionKit.Tests.Platform;

public class TorchRuntimeTests
{
    [Fact]
    public void EnsureReady_MakesTorchComputeAndTrain()
    {
        TorchRuntime.EnsureReady();
        // Hand-computed: [[1,2],[3,4]] @ [[1],[1]] = [[3],[7]]; d(sum(W x))/dW = x^T broadcast.
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2, requires_grad: true);
        using var b = torch.ones(2, 1);
        using var y = a.matmul(b);
        Assert.Equal(new float[] { 3, 7 }, y.data<float>().ToArray());
        using var loss = y.sum();
        loss.backward();
        Assert.Equal(new float[] { 1, 1, 1, 1 }, a.grad!.data<float>().ToArray());
    }

    [Fact]
    public void EnsureReady_IsIdempotent()
    {
        var first = TorchRuntime.EnsureReady();
        Assert.Same(first, TorchRuntime.EnsureReady());
    }

    [Fact]
    public void Doctor_ReportsTorchDeviceAndThreads()
    {
        var checks = Diagnostics.Run();
        Assert.Contains(checks, c => c.Name == "torch device" && c.Ok && c.Detail.Contains("cpu"));
        Assert.Contains(checks, c => c.Name == "torch threads" && c.Ok);
        // The kit answered oneMKL's vendor question before its first product (TestHost), so the line is OK on every machine.
        var mkl = Assert.Single(checks, c => c.Name == "oneMKL code path");
        Assert.True(mkl.Ok, mkl.Detail);
        Assert.Contains(MklVendorCheck.Wanted(out _) ? "AVX-512 kernels" : "oneMKL's own choice", mkl.Detail);
        Assert.All(checks.Where(c => c.Name == "torch natives"), c => Assert.True(c.Ok, c.Detail));
    }

    [Fact]
    public void MallocTuning_ReachesGlibc()
    {
        // mallopt returns 1 on success (glibc manual); a failed load of libc would make this false silently.
        if (OperatingSystem.IsLinux()) Assert.True(NativeSwitches.TuneGlibcMalloc());
    }

    [Fact]
    public void EnsureReady_AsksOneMklForReproducibleResults_InTheNativeEnvironment()
    {
        TorchRuntime.EnsureReady();
        if (!OperatingSystem.IsLinux()) return;
        // What oneMKL reads with getenv: the kit's setting, or the user's own when MKL_CBWR was set before the start.
        var expected = Environment.GetEnvironmentVariable("MKL_CBWR") ?? TorchRuntime.MklReproducibility;
        Assert.Equal(expected, NativeSwitches.NativeEnvironment("MKL_CBWR"));
        // setenv does not overwrite: a user's value stays.
        Assert.True(NativeSwitches.SetNativeEnvironment("MKL_CBWR", "COMPATIBLE"));
        Assert.Equal(expected, NativeSwitches.NativeEnvironment("MKL_CBWR"));
    }
}
