using FusionKit.Cli;

namespace FusionKit.Tests.Training;

[Collection(TorchTrainingCollection.Name)]
public class BenchTrainCommandTests
{
    [Fact]
    public void BenchTrain_TinyRun_PrintsSeconds()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["bench", "train", "--samples", "64", "--epochs", "2", "--batch", "32"], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("epoch 2/2", output.ToString());
        Assert.Matches(@"fusionkit head seconds: \d+\.\d\d", output.ToString());
    }

    [Fact]
    public void BenchTrain_UnknownOption_IsAUsageError()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["bench", "train", "--sample", "10"], new StringWriter(), error));
        Assert.Contains("--sample", error.ToString());
    }
}
