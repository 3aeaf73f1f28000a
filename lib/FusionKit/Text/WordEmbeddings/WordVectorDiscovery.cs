namespace FusionKit.Text.WordEmbeddings;

/// <summary>
/// Finds word vectors in <c>data/embeddings/</c>: a file the user dropped there (GloVe text, word2vec text or
/// binary; .txt, .vec, .bin, optionally .gz, or .zip) is preferred over the kit's default file
/// <see cref="DefaultWordVectors.FileName"/>.
/// </summary>
public static class WordVectorDiscovery
{
    private static readonly string[] Extensions = [".txt", ".vec", ".bin", ".txt.gz", ".vec.gz", ".bin.gz", ".zip"];

    /// <summary>
    /// The <c>embeddings</c> folder inside the kit's data folder (found by <see cref="FusionKit.Data.DataLocator"/>,
    /// FUSIONKIT_DATA overrides). Null when there is no data folder or it has no embeddings folder.
    /// </summary>
    public static string? FindEmbeddingsDirectory()
    {
        try
        {
            var candidate = System.IO.Path.Combine(FusionKit.Data.DataLocator.FindDataDirectory(), "embeddings");
            return Directory.Exists(candidate) ? candidate : null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Picks the vector file in <paramref name="directory"/>: the user's files first (alphabetically first name when
    /// there are several), else the kit default. Throws when there is none.
    /// </summary>
    public static DiscoveredWordVectors Find(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Word-vector folder not found: {System.IO.Path.GetFullPath(directory)}");
        var files = Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Any(x => f.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
            .Select(System.IO.Path.GetFullPath)
            .OrderBy(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        var defaultFile = files.FirstOrDefault(f => System.IO.Path.GetFileName(f) == DefaultWordVectors.FileName);
        var userFiles = files.Where(f => f != defaultFile).ToList();
        if (userFiles.Count > 0)
        {
            var chosen = userFiles[0];
            var others = userFiles.Skip(1).Select(System.IO.Path.GetFileName).ToList();
            var explanation = $"Word vectors: {System.IO.Path.GetFileName(chosen)} (user file in {directory}"
                              + (defaultFile is null ? "" : $", preferred over the kit default {DefaultWordVectors.FileName}")
                              + (others.Count == 0 ? ")." : $"; also present, not used: {string.Join(", ", others)}).");
            return new DiscoveredWordVectors(chosen, false, explanation);
        }
        if (defaultFile is not null)
            return new DiscoveredWordVectors(defaultFile, true,
                $"Word vectors: {DefaultWordVectors.FileName} (kit default: MiniLM single-word embeddings, not GloVe; drop a GloVe file such as glove.6B.100d.txt into {directory} to use it instead).");
        throw new FileNotFoundException(
            $"No word-vector file in {directory}: put a GloVe file there (e.g. glove.6B.100d.txt, .gz or .zip) or regenerate the kit default with `fusionkit text make-default-vectors`.");
    }
}
