using FusionKit.Cli;

namespace FusionKit.Tests.Experiments.FusionComparison;

/// <summary>`fusionkit fuse` rejects bad arguments before it loads any data, naming the option.</summary>
public class FuseCommandTests
{
    [Theory]
    [InlineData("--method", "nope")]
    [InlineData("--train-per-class", "0")]
    [InlineData("--hidden", "256,x")]
    [InlineData("--dropout", "1.5")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch", "many")]
    [InlineData("--lr", "-1")]
    [InlineData("--reliability", "1.2")]
    [InlineData("--profile", "huge")]
    [InlineData("--text-encoder", "bert")]
    [InlineData("--mfb-output", "0")]
    public void BadValue_IsAUsageError_NamingTheOption(string option, string value)
    {
        var error = new StringWriter();
        var code = Program.Run(["fuse", option, value], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.Contains(option.TrimStart('-'), error.ToString());
    }

    [Theory]
    [InlineData("weighted", "0.7")]       // one number
    [InlineData("weighted", "0.7,0.4")]   // does not sum to 1
    [InlineData("gated", "0.7,0.3")]      // not the weighted method
    public void BadWeights_AreAUsageError_NamingWeights(string method, string weights)
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["fuse", "--method", method, "--weights", weights], new StringWriter(), error));
        Assert.Contains("--weights", error.ToString());
    }

    [Fact]
    public void UnknownOption_IsNamed()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["fuse", "--metod", "gated"], new StringWriter(), error));
        Assert.Contains("--metod", error.ToString());
    }
}
