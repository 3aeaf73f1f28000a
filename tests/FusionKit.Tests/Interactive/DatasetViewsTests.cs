using FusionKit.Data;
using FusionKit.Interactive;

namespace FusionKit.Tests.Interactive;

public class DatasetViewsTests
{
    private static Dataset Tiny() => new("tiny", ["a", "b"], [
        new Sample("0", new RawImage(1, 1, 1, [0]), 0),
        new Sample("1", new RawImage(1, 1, 1, [1]), 1),
        new Sample("2", new RawImage(1, 1, 1, [2]), 1),
    ], "fp");

    [Fact]
    public void ClassCounts_CountsPerClassAndTotal()
    {
        var table = DatasetViews.ClassCounts(("train", Tiny()), ("test", Tiny()));
        Assert.Equal(["a", "b", "total"], table["class"].Cast<string>());
        Assert.Equal([1L, 2L, 3L], table["train"].Cast<long?>().Select(v => v!.Value));
        Assert.Equal(3, table.Columns.Count);
    }

    [Fact]
    public void SampleGrid_TakesUpToNPerClassInClassOrder()
    {
        var grid = DatasetViews.SampleGrid(Tiny(), perClass: 2);
        Assert.Equal(["a", "b", "b"], grid.Tiles.Select(t => t.Caption));
        Assert.Equal(2, grid.Columns);
    }
}
