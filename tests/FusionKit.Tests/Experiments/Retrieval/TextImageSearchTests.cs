using FusionKit.Experiments.Retrieval;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Retrieval;

[Collection(TorchTrainingCollection.Name)]
public class TextImageSearchTests
{
    private static readonly SearchOptions Fast = new() { Epochs = 3, JointDim = 8, BatchSize = 32, Threads = 1 };

    [Fact]
    public void Search_ReturnsTopK_OrderedByScore_AndReusesTheCachedModel()
    {
        var data = RetrievalSyntheticData.Create();
        using var folder = new TempFolder();
        IReadOnlyList<SearchHit> first;
        using (var search = TextImageSearch.Open(data, RetrievalSyntheticData.Embed, new RetrievalSyntheticData.FakeEncoder(), Fast, folder.Path))
        {
            Assert.False(search.LoadedFromCache);
            Assert.True(File.Exists(search.ModelPath));
            first = search.Search("a pair of ankle boots", top: 7);
            Assert.Equal(7, first.Count);
            Assert.Equal([1, 2, 3, 4, 5, 6, 7], first.Select(h => h.Rank));
            for (var i = 1; i < first.Count; i++) Assert.True(first[i - 1].Score >= first[i].Score);
            Assert.Equal(7, first.Select(h => h.TestIndex).Distinct().Count());
            Assert.All(first, h => Assert.Equal(data.Test.Labels[h.TestIndex], h.TrueClass));
            Assert.All(first, h => Assert.InRange(h.Score, -1.0001, 1.0001)); // cosines
            var grid = search.Grid("a pair of ankle boots", first);
            Assert.Equal(7, grid.Tiles.Count);
            Assert.StartsWith(first[0].ClassName + " ", grid.Tiles[0].Caption);
            // More than the gallery returns the whole gallery.
            Assert.Equal(search.GalleryCount, search.Search("bag", top: 10_000).Count);
        }
        using (var again = TextImageSearch.Open(data, RetrievalSyntheticData.Embed, new RetrievalSyntheticData.FakeEncoder(), Fast, folder.Path))
        {
            Assert.True(again.LoadedFromCache);
            var second = again.Search("a pair of ankle boots", top: 7);
            Assert.Equal(first.Select(h => h.TestIndex), second.Select(h => h.TestIndex));
            Assert.Equal(first.Select(h => h.Score), second.Select(h => h.Score), (x, y) => Math.Abs(x - y) < 1e-5);
        }
        // Other settings train (and cache) another model.
        using var other = TextImageSearch.Open(data, RetrievalSyntheticData.Embed, new RetrievalSyntheticData.FakeEncoder(), Fast with { Epochs = 2 }, folder.Path);
        Assert.False(other.LoadedFromCache);
    }

    [Fact]
    public void Search_EmptyQuery_IsRejected()
    {
        var data = RetrievalSyntheticData.Create(trainPerClass: 3, testPerClass: 1);
        using var folder = new TempFolder();
        using var search = TextImageSearch.Open(data, RetrievalSyntheticData.Embed, new RetrievalSyntheticData.FakeEncoder(), Fast with { Epochs = 1 }, folder.Path);
        Assert.Equal("query", Assert.Throws<ArgumentException>(() => search.Search("  ")).ParamName);
    }
}
