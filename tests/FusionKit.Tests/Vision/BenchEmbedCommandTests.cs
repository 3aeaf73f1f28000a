using FusionKit.Cli;
using FusionKit.Cli.Commands;

namespace FusionKit.Tests.Vision;

public class BenchEmbedCommandTests
{
    [Fact]
    public void BenchEmbed_PrintsThroughputPerBackend()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["bench", "embed", "--size", "32", "--batch", "2", "--batches", "1", "--backend", "all", "--device", "cpu"], output, error);
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("images:", text);
        Assert.Contains("torch backend on cpu", text);
        Assert.Contains("resnet18-onnx    skipped", text);
        Assert.Matches(@"resnet18-torch\s+img/s median \d+\.\d \(min \d+\.\d, max \d+\.\d\)", text);
        Assert.Contains("texts:", text);
        Assert.Matches(@"minilm\s+sentences/s median \d+\.\d", text);
        Assert.Matches(@"wordvec\s+sentences/s median \d+\.\d", text);
    }

    [Fact]
    public void BenchEmbed_RejectsOnnxAtOtherSizesAndUnknownBackends()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["bench", "embed", "--size", "64", "--backend", "onnx"], TextWriter.Null, error));
        Assert.Contains("--size 224 only", error.ToString());
        error = new StringWriter();
        Assert.Equal(2, Program.Run(["bench", "embed", "--backend", "cuda"], TextWriter.Null, error));
        Assert.Contains("--backend must be one of onnx, torch, all", error.ToString());
    }

    [Fact]
    public void Throughput_IsMedianOfTimedRunsAfterWarmUp()
    {
        var calls = 0;
        var (median, min, max) = BenchEmbedCommand.Throughput(() => { calls++; Thread.Sleep(1); }, itemsPerRun: 10, runs: 3);
        Assert.Equal(6, calls); // three warm-up calls + three timed
        Assert.True(min <= median && median <= max && max <= 10_000); // each run sleeps >= 1 ms: at most 10 items/ms
    }
}
