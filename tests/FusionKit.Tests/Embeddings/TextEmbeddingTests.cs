using FusionKit.Caching;
using FusionKit.Embeddings;

namespace FusionKit.Tests.Embeddings;

/// <summary>The cached text embedder: computed once, read back, and a repeated call answered without loading the encoder again.</summary>
public class TextEmbeddingTests
{
    [Fact]
    public void RepeatedCall_ReturnsTheSameMatrix_WithoutLoadingTheEncoderAgain()
    {
        using var folder = new TempFolder();
        var log = new StringWriter();
        var embed = TextEmbedding.Cached(new EmbeddingCache(folder.Path), log);
        string[] texts = ["a shoe", "a bag"];

        var first = embed("wordvec", texts);
        var again = embed("wordvec", [.. texts]);   // an equal list, not the same object
        var other = embed("wordvec", ["a shirt"]);

        Assert.Same(first, again);
        Assert.Equal(2, first.Rows);
        Assert.Equal(1, other.Rows);
        // The word-vector file is opened once per distinct list of texts (the encoder says which file it read).
        Assert.Equal(2, log.ToString().Split('\n').Count(line => line.StartsWith("word vectors: ", StringComparison.Ordinal)));

        // A new embedder over the same cache reads the stored vectors back: the same numbers.
        var fresh = TextEmbedding.Cached(new EmbeddingCache(folder.Path))("wordvec", texts);
        Assert.Equal(first.Data.ToArray(), fresh.Data.ToArray());
    }
}
