using FusionKit.Caching;
using FusionKit.Text;

namespace FusionKit.Experiments;

/// <summary>Embeds texts with the text encoder called <paramref name="encoder"/> ("wordvec", "minilm"); row i embeds text i.</summary>
public delegate EmbeddingMatrix TextEmbedder(string encoder, IReadOnlyList<string> texts);

/// <summary>The text embedders the retrieval and zero-shot experiments use.</summary>
public static class RetrievalTextEmbedding
{
    /// <summary>
    /// Embeds through the embedding cache with <see cref="TextEncoders.Create"/>: the first call for a list of texts
    /// computes it, later calls (any run, notebook or command) read it back.
    /// </summary>
    public static TextEmbedder Cached(EmbeddingCache? cache = null, TextWriter? log = null, int threads = 1)
    {
        cache ??= new EmbeddingCache { Progress = log ?? TextWriter.Null };
        return (encoder, texts) =>
        {
            ArgumentNullException.ThrowIfNull(texts);
            using var textEncoder = TextEncoders.Create(encoder, texts, log, threads);
            return cache.GetOrCompute(textEncoder, texts);
        };
    }
}
