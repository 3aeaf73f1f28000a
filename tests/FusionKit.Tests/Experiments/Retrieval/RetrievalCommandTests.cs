using FusionKit.Cli;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Retrieval;

/// <summary>Argument errors of the retrieval, zero-shot and search commands: exit code 2, the option named, no data loaded.</summary>
[Collection(TorchTrainingCollection.Name)]
public class RetrievalCommandTests
{
    [Theory]
    [InlineData("--profile", "retrieval", "--profile", "huge")]
    [InlineData("--profile", "zero-shot", "--profile", "tiny")]
    [InlineData("--top", "search", "boots", "--top", "0")]
    [InlineData("--top", "search", "boots", "--top", "many")]
    [InlineData("--epochs", "zero-shot", "--epochs", "3")]
    [InlineData("--methods", "zero-shot", "--methods", "devise,knn")]
    [InlineData("--encoders", "zero-shot", "--encoders", "glove")]
    [InlineData("--threads", "retrieval", "--threads", "0")]
    public void BadOption_IsAUsageError_NamingTheOption(string option, params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(args, new StringWriter(), error));
        Assert.Contains(option, error.ToString());
    }

    [Fact]
    public void Search_WithoutQuery_AsksForOne()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["search", "--top", "4"], new StringWriter(), error));
        Assert.Contains("query", error.ToString());
    }
}
