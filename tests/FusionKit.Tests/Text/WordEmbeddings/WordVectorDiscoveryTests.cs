using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Tests.Text.WordEmbeddings;

public sealed class WordVectorDiscoveryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Find_PrefersUserFileOverKitDefaultAndSaysSo()
    {
        _temp.Write(DefaultWordVectors.FileName, "x");
        _temp.Write("glove.6B.100d.txt", "the 1 2\n");
        _temp.Write("README.md", "not a vector file");
        var found = WordVectorDiscovery.Find(_temp.Path);
        Assert.False(found.IsKitDefault);
        Assert.Equal("glove.6B.100d.txt", Path.GetFileName(found.Path));
        Assert.Contains("preferred over the kit default", found.Explanation);
    }

    [Fact]
    public void Find_ListsOtherUserFilesAndPicksByName()
    {
        _temp.Write("glove.6B.300d.zip", "x");
        _temp.Write("glove.6B.100d.txt.gz", "x");
        var found = WordVectorDiscovery.Find(_temp.Path);
        Assert.Equal("glove.6B.100d.txt.gz", Path.GetFileName(found.Path));
        Assert.Contains("glove.6B.300d.zip", found.Explanation);
    }

    [Fact]
    public void Find_FallsBackToKitDefault()
    {
        _temp.Write(DefaultWordVectors.FileName, "x");
        var found = WordVectorDiscovery.Find(_temp.Path);
        Assert.True(found.IsKitDefault);
        Assert.Contains("not GloVe", found.Explanation);
    }

    [Fact]
    public void Find_EmptyFolderExplainsWhatToDo()
    {
        var e = Assert.Throws<FileNotFoundException>(() => WordVectorDiscovery.Find(_temp.Path));
        Assert.Contains("make-default-vectors", e.Message);
    }

    [Fact]
    public void FindEmbeddingsDirectory_FindsTheRepositoryFolderWithTheDefaultFile()
    {
        var dir = WordVectorDiscovery.FindEmbeddingsDirectory();
        Assert.NotNull(dir);
        Assert.True(File.Exists(Path.Combine(dir, DefaultWordVectors.FileName)));
    }
}
