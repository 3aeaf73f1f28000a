using FusionKit.Cli;
using FusionKit.Platform;

namespace FusionKit.Tests.Cli;

/// <summary><c>--device</c>: one option, the same words and meaning in every command that trains or embeds with torch.</summary>
public class DeviceOptionTests
{
    private static readonly string[][] TrainingCommands =
    [
        ["case-study"], ["fuse"], ["retrieval"], ["zero-shot"], ["interaction"], ["ask"], ["search"], ["gan", "train"], ["gan", "evaluate"], ["generate"],
        ["bench", "train"], ["bench", "fuse"], ["bench", "embed"], ["bench", "precision"], ["embed"],
    ];

    private static (int Code, string Output, string Error) Run(params string[] args) => ProgramTests.Run(args);

    [Fact]
    public void EveryTrainingCommand_HasTheSameDeviceOption()
    {
        foreach (var command in TrainingCommands)
        {
            var (code, output, _) = Run([.. command, "--help"]);
            Assert.Equal(0, code);
            var line = output.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith("--device", StringComparison.Ordinal));
            Assert.True(line is not null, $"{string.Join(' ', command)} has no --device");
            Assert.Contains("<auto|cpu|cuda>", line);
        }
    }

    [Fact]
    public void UnknownDevice_IsAUsageError_NamingTheOption()
    {
        var (code, output, error) = Run("bench", "train", "--device", "tpu");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--device must be one of auto, cpu, cuda; got 'tpu'", error);
    }

    [Fact]
    public void CudaWithoutAGpu_IsAUsageError_SayingWhatToDo_BeforeAnyWork()
    {
        if (ComputeDevices.CudaDeviceCount() > 0) return; // a machine with a GPU takes --device cuda; this checks the refusal elsewhere
        var (code, output, error) = Run("bench", "train", "--device", "cuda", "--epochs", "1");
        Assert.Equal(2, code);
        Assert.Equal("", output); // refused before the benchmark printed anything
        Assert.Contains("fusionkit bench train: --device cuda asks for a GPU, but TorchSharp sees no CUDA device", error);
        Assert.Contains("-p:TorchDevice=cuda", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void DeviceCpu_RunsOnTheCpu()
    {
        var (code, output, error) = Run("bench", "train", "--device", "cpu", "--samples", "64", "--epochs", "1");
        Assert.True(code == 0, error);
        Assert.Contains("device cpu", output);
    }
}
