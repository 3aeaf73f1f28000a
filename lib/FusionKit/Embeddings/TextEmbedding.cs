using FusionKit.Caching;
using FusionKit.Text;

namespace FusionKit.Embeddings;

/// <summary>The text embedders (<see cref="TextEmbedder"/>) of the experiments that embed texts at run time: retrieval's
/// queries and joint-space texts, zero-shot's label names and descriptions.</summary>
public static class TextEmbedding
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
