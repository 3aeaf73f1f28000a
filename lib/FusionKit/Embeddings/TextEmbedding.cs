using System.Collections.Concurrent;
using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Text;

namespace FusionKit.Embeddings;

/// <summary>The text embedders (<see cref="TextEmbedder"/>) of the experiments that embed texts at run time: retrieval's
/// queries and joint-space texts, zero-shot's label names and descriptions.</summary>
public static class TextEmbedding
{
    /// <summary>
    /// Embeds through the embedding cache with <see cref="TextEncoders.Create"/>: the first call for a list of texts
    /// computes it, later calls (any run, notebook or command) read it back. The embedder also remembers what it
    /// returned: a repeated call with the same encoder and texts returns the same matrix without loading the encoder
    /// (MiniLM's network or a word-vector file, a second or more each) or reading the cache again.
    /// </summary>
    public static TextEmbedder Cached(EmbeddingCache? cache = null, TextWriter? log = null, int threads = 1)
    {
        cache ??= new EmbeddingCache { Progress = log ?? TextWriter.Null };
        var seen = new ConcurrentDictionary<string, EmbeddingMatrix>(StringComparer.Ordinal);
        return (encoder, texts) =>
        {
            ArgumentNullException.ThrowIfNull(texts);
            var key = $"{encoder}\u001f{texts.Count}:{Hashing.Sha256Hex(string.Join('\u001f', texts))}";
            if (seen.TryGetValue(key, out var known)) return known;
            using var textEncoder = TextEncoders.Create(encoder, texts, log, threads);
            return seen.GetOrAdd(key, cache.GetOrCompute(textEncoder, texts));
        };
    }
}
