using FusionKit.Data;

namespace FusionKit.Tests.Data;

public class RunProfileTests
{
    [Fact]
    public void Named_ReturnsProfilesAndRejectsUnknownNamesListingValidOnes()
    {
        Assert.Equal([0, 1, 2], RunProfile.Named("default").Seeds);
        Assert.Null(RunProfile.Named("default").TrainPerClass);
        Assert.Single(RunProfile.Named("smoke").Seeds);
        var e = Assert.Throws<ArgumentException>(() => RunProfile.Named("huge"));
        Assert.Contains("smoke, default", e.Message);
    }
}
