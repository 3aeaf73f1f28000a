using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Text;

/// <summary>Creates the kit's text encoders by the names the CLI and configs use.</summary>
public static class TextEncoders
{
    /// <summary>"wordvec": GloVe-format word vectors found in data/embeddings (a user's GloVe file, else the kit's
    /// MiniLM-derived default), phrases averaged. "minilm": the all-MiniLM-L6-v2 sentence encoder.</summary>
    public static IReadOnlyList<string> Names { get; } = ["wordvec", "minilm"];

    /// <summary>
    /// The encoder called <paramref name="name"/>. For "wordvec", <paramref name="texts"/> (when given) limits loading to
    /// the words those texts need; which file was chosen, and why, is written to <paramref name="log"/>.
    /// </summary>
    public static ITextEncoder Create(string name, IEnumerable<string>? texts = null, TextWriter? log = null, int threads = 1)
    {
        switch (name)
        {
            case "minilm":
                return new SentenceEncoder(intraOpThreads: threads);
            case "wordvec":
                var dir = WordVectorDiscovery.FindEmbeddingsDirectory()
                          ?? throw new DirectoryNotFoundException("No data/embeddings folder found: run from the repository or set FUSIONKIT_DATA.");
                var found = WordVectorDiscovery.Find(dir);
                log?.WriteLine($"word vectors: {found.Explanation}");
                return WordVectorEncoder.Load(found.Path, OutOfVocabularyPolicy.SkipToken, texts);
            default:
                throw new ArgumentException($"Unknown text encoder '{name}': use one of {string.Join(", ", Names)}.", nameof(name));
        }
    }
}
