using FusionKit.Platform;
using TorchSharp;

namespace FusionKit.Tests.Platform;

public class MklVendorCheckTests
{
    private static string Libtorch() => Path.Combine(AppContext.BaseDirectory, "libtorch_cpu.so");

    [Fact]
    public void JumpSlotOffset_FindsTheVendorQuestionInLibtorch()
    {
        // `readelf -rW libtorch_cpu.so` (libtorch 2.10.0 of TorchSharp-cpu 0.107.0): R_X86_64_JUMP_SLOT at 0x15721b38 for
        // mkl_serv_intel_cpu_true, in .got.plt (0x156ccfe8, size 0x65580), outside the GNU_RELRO segment (ends 0x156cd000).
        Assert.Equal(0x15721b38, MklVendorCheck.JumpSlotOffset(Libtorch(), MklVendorCheck.Symbol));
        Assert.Equal(-1, MklVendorCheck.JumpSlotOffset(Libtorch(), "no_such_function_in_libtorch"));
    }

    [Fact]
    public void JumpSlotOffset_RejectsANonElfFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fusionkit-not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllBytes(path, "not an elf file at all, just some text"u8.ToArray().Concat(new byte[64]).ToArray());
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => MklVendorCheck.JumpSlotOffset(path, MklVendorCheck.Symbol));
            Assert.Contains("not a 64-bit little-endian ELF file", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EnsureReady_LetsOneMklChooseByFeatures_OnlyOnAmdProcessorsWithAvx512()
    {
        var report = TorchRuntime.EnsureReady(); // the test host ran it before any test (TestHost), as the command line does
        using var a = torch.rand(64, 896);
        using var b = torch.rand(896, 512);
        using var product = a.matmul(b); // oneMKL picks its code path at its first product at the latest
        var patched = report.Adjustments.Any(line => line.Contains(MklVendorCheck.Symbol, StringComparison.Ordinal));
        if (MklVendorCheck.Wanted(out var reason))
        {
            Assert.True(patched, "the adjustment is reported");
            Assert.True(MklVendorCheck.Answers > 0, "oneMKL asked the patched entry"); // it asks once per code path decision
        }
        else
        {
            Assert.False(patched, $"not wanted here ({reason}), so not made");
            Assert.Equal(0, MklVendorCheck.Answers);
        }
    }

    [Fact]
    public void Products_MatchADoublePrecisionReference_OnWhicheverPathOneMklTook()
    {
        TorchRuntime.EnsureReady();
        // The case-study head's first layer: a batch of 32 rows of 896 against 512 outputs, and its weight gradient.
        var generator = new Random(7);
        var x = Enumerable.Range(0, 32 * 896).Select(_ => (float)(generator.NextDouble() * 2 - 1)).ToArray();
        var w = Enumerable.Range(0, 512 * 896).Select(_ => (float)(generator.NextDouble() * 2 - 1)).ToArray();
        using var input = torch.tensor(x, 32, 896);
        using var weight = torch.tensor(w, 512, 896);
        using var output = input.matmul(weight.t());
        using var gradient = output.t().matmul(input); // (512, 896), as a weight gradient with the output as upstream
        var y = output.data<float>().ToArray();
        var worst = 0.0;
        for (var i = 0; i < 32; i++)
        for (var j = 0; j < 512; j++)
        {
            var sum = 0.0;
            for (var k = 0; k < 896; k++) sum += (double)x[i * 896 + k] * w[j * 896 + k];
            worst = Math.Max(worst, Math.Abs(sum - y[i * 512 + j]));
        }
        // Sums of 896 products of magnitude <= 1 in float32: rounding error well under 1e-3 (|sum| ~ 17 on average).
        Assert.True(worst < 1e-3, $"largest difference from the float64 product {worst}");
        var g = gradient.data<float>().ToArray();
        for (var check = 0; check < 200; check++)
        {
            var (r, c) = (generator.Next(512), generator.Next(896));
            var sum = 0.0;
            for (var i = 0; i < 32; i++) sum += (double)y[i * 512 + r] * x[i * 896 + c];
            Assert.True(Math.Abs(sum - g[r * 896 + c]) < 1e-3 * Math.Max(1, Math.Abs(sum)), $"gradient ({r}, {c}): {g[r * 896 + c]} against {sum}");
        }
    }

    [Fact]
    public void Wanted_NotWhenSwitchedOff()
    {
        Assert.False(MklVendorCheck.Wanted("0", out var reason));
        Assert.Equal($"{MklVendorCheck.Switch}=0", reason);
    }
}
