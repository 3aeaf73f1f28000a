using FusionKit.Caching;

namespace FusionKit.Tests.Caching;

public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string _root => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private EmbeddingCache NewCache() => new(_root) { ShardSize = 10, BatchSize = 4, Progress = TextWriter.Null };

    // Item i embeds to [i, 2i, 3i]: easy to check by hand.
    private static float[][] Encode(int start, int count, List<int> calls)
    {
        calls.AddRange(Enumerable.Range(start, count));
        return Enumerable.Range(start, count).Select(i => new float[] { i, 2 * i, 3 * i }).ToArray();
    }

    [Fact]
    public void SecondCall_ReusesTheStoredEmbeddings()
    {
        var calls = new List<int>();
        var first = NewCache().GetOrCompute("enc", "enc-v1", 3, "data-a", 25, (s, n) => Encode(s, n, calls));
        Assert.Equal(25, calls.Count);
        var second = NewCache().GetOrCompute("enc", "enc-v1", 3, "data-a", 25, (s, n) => Encode(s, n, calls));
        Assert.Equal(25, calls.Count);
        Assert.Equal(first.Data, second.Data);
        Assert.Equal(new float[] { 24, 48, 72 }, second.Row(24).ToArray());
    }

    [Fact]
    public void OtherEncoderSettingsOrData_AreSeparateEntries()
    {
        var calls = new List<int>();
        var cache = NewCache();
        cache.GetOrCompute("enc", "enc-v1", 3, "data-a", 5, (s, n) => Encode(s, n, calls));
        cache.GetOrCompute("enc", "enc-v2", 3, "data-a", 5, (s, n) => Encode(s, n, calls));
        cache.GetOrCompute("enc", "enc-v1", 3, "data-b", 5, (s, n) => Encode(s, n, calls));
        Assert.Equal(15, calls.Count);
    }

    [Fact]
    public void InterruptedExtraction_ResumesWithoutRecomputingFinishedShards()
    {
        var calls = new List<int>();
        using var cts = new CancellationTokenSource();
        float[][] CancelAfterTwoShards(int s, int n)
        {
            if (s >= 20) cts.Cancel();
            return Encode(s, n, calls);
        }
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NewCache().GetOrCompute("enc", "k", 3, "d", 35, CancelAfterTwoShards, cancel: cts.Token));
        var computedBefore = calls.Count;
        Assert.True(computedBefore >= 20 && computedBefore < 35);

        calls.Clear();
        var result = NewCache().GetOrCompute("enc", "k", 3, "d", 35, (s, n) => Encode(s, n, calls));
        Assert.Equal(Enumerable.Range(20, 15), calls); // shards 0 and 1 (items 0..19) were kept
        Assert.Equal(new float[] { 34, 68, 102 }, result.Row(34).ToArray());
    }

    [Fact]
    public void CorruptFile_IsRecomputedNotTrusted()
    {
        var calls = new List<int>();
        var cache = NewCache();
        cache.GetOrCompute("enc", "k", 3, "d", 5, (s, n) => Encode(s, n, calls));
        var file = Directory.GetFiles(_root, "all.fkemb", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..20]); // truncated
        var again = cache.GetOrCompute("enc", "k", 3, "d", 5, (s, n) => Encode(s, n, calls));
        Assert.Equal(10, calls.Count);
        Assert.Equal(new float[] { 4, 8, 12 }, again.Row(4).ToArray());
    }

    [Fact]
    public void EncoderReturningWrongDimension_FailsClearly()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            NewCache().GetOrCompute("enc", "k", 4, "d", 5, (s, n) => Encode(s, n, [])));
        Assert.Contains("expected 4", e.Message);
    }

    [Fact]
    public void EmbeddingFile_RejectsTruncatedFileNamingIt()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "m.fkemb");
        EmbeddingFile.Write(path, new EmbeddingMatrix(2, 2, [1, 2, 3, 4]));
        Assert.Equal(new float[] { 1, 2, 3, 4 }, EmbeddingFile.Read(path).Data);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^4]);
        var e = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Empty(Directory.GetFiles(_root, "*.tmp"));
    }
}
