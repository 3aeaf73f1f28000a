using FusionKit.Cli;
using FusionKit.Runs;

namespace FusionKit.Tests.Runs;

public class RunSectionsTests
{
    [Fact]
    public void Parse_AcceptsAnyOrderAndSpaces_AndReturnsRunOrder()
    {
        Assert.Equal([RunSection.Fusion, RunSection.ZeroShot], RunSections.Parse(" zero-shot , fusion "));
        Assert.Equal(RunSections.All, RunSections.Parse("case-study,fusion,retrieval,zero-shot,interaction,generation"));
        Assert.Equal([RunSection.ZeroShot, RunSection.Interaction], RunSections.Parse("interaction,zero-shot"));
        Assert.Equal([RunSection.Interaction], RunSections.Parse("interaction"));
        Assert.Equal(["case-study", "fusion", "retrieval", "zero-shot", "interaction", "generation"], RunSections.Names);
    }

    [Fact]
    public void MainJob_IsEverySectionButGeneration_InRunOrder()
    {
        // Generation runs only when named: its targets are unmet and its default-profile training takes long.
        Assert.Equal([RunSection.CaseStudy, RunSection.Fusion, RunSection.Retrieval, RunSection.ZeroShot, RunSection.Interaction], RunSections.MainJob);
    }

    [Theory]
    [InlineData("fuse", "Unknown section 'fuse': use any of case-study, fusion, retrieval, zero-shot, interaction, generation")]
    [InlineData("fusion,fusion", "'fusion' is given twice")]
    [InlineData(" , ", "Name at least one section")]
    public void Parse_RejectsBadLists_ListingTheValidNames(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => RunSections.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Command_BadSection_IsAUsageError_ThatListsTheValidOnes()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["case-study", "--sections", "case-study,zeroshot"], new StringWriter(), error));
        Assert.Contains("--sections: Unknown section 'zeroshot': use any of case-study, fusion, retrieval, zero-shot, interaction, generation", error.ToString());
    }

    [Fact]
    public void Command_Help_DescribesEverySection()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["help", "case-study"], output, new StringWriter()));
        Assert.Contains("--sections", output.ToString());
        foreach (var name in RunSections.Names) Assert.Contains(name, output.ToString());
    }
}
