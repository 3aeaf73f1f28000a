using FusionKit.Caching;

namespace FusionKit.Embeddings;

/// <summary>Embeds texts with the text encoder called <paramref name="encoder"/> ("wordvec", "minilm"); row i embeds text i
/// (<see cref="TextEmbedding.Cached"/> is the kit's, through the embedding cache).</summary>
public delegate EmbeddingMatrix TextEmbedder(string encoder, IReadOnlyList<string> texts);
