namespace FusionKit.Text.WordEmbeddings;

/// <summary>A word-vector file chosen by <see cref="WordVectorDiscovery.Find"/>, and why.</summary>
/// <param name="Path">Full path of the chosen file.</param>
/// <param name="IsKitDefault">True when it is the kit's own MiniLM-derived file, not a user's GloVe/word2vec file.</param>
/// <param name="Explanation">One line saying what was chosen over what, for logs and reports.</param>
public sealed record DiscoveredWordVectors(string Path, bool IsKitDefault, string Explanation);
