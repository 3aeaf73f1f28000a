using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Platform;

[Collection(TorchTrainingCollection.Name)]
public class TorchThreadScopeTests
{
    [Fact]
    public void Use_SetsTheCountForTheScopeAndRestoresThePreviousOne()
    {
        TorchRuntime.EnsureReady();
        var before = torch.get_num_threads();
        var inside = before == 1 ? 2 : 1;

        using (TorchThreadScope.Use(inside))
            Assert.Equal(inside, torch.get_num_threads());

        Assert.Equal(before, torch.get_num_threads());
    }
}
