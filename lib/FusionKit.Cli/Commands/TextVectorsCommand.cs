using FusionKit.Data;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit text vectors`: which word-vector file is used, and which tokens of some texts it lacks.</summary>
public sealed class TextVectorsCommand : ICliCommand
{
    private static readonly Dictionary<string, OutOfVocabularyPolicy> Policies = new(StringComparer.Ordinal)
    {
        ["skip"] = OutOfVocabularyPolicy.SkipToken,
        ["zero"] = OutOfVocabularyPolicy.Zero,
        ["error"] = OutOfVocabularyPolicy.Error,
    };

    public string Name => "text vectors";

    public string Summary => "Show the word-vector file in use and the out-of-vocabulary tokens of some texts.";

    public string Usage => """
        Usage: fusionkit text vectors [--file PATH | --dir DIR] [--oov skip|zero|error] [--skip-bad] [TEXT ...]

        Picks the word-vector file (a user's GloVe/word2vec file in data/embeddings/ before the kit default), loads
        the words the texts need and prints, per text, its tokens and those without a vector. Without TEXT the
        Fashion-MNIST class names are checked.
          --file PATH    use this vector file instead of discovering one
          --dir DIR      folder to discover a file in (default: data/embeddings of this repository)
          --oov POLICY   out-of-vocabulary policy the texts are checked against (default skip)
          --skip-bad     leave bad lines of the vector file out and list them, instead of failing at the first.
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var file = args.String("file");
        var dir = args.String("dir");
        var policy = args.Choice("oov", OutOfVocabularyPolicy.SkipToken, Policies);
        var badLines = args.Flag("skip-bad") ? BadRowPolicy.Skip : BadRowPolicy.Fail;
        args.EnsureAllUsed();
        if (file is not null && dir is not null) throw new CliUsageException("Give --file or --dir, not both.");
        if (file is null)
        {
            dir ??= WordVectorDiscovery.FindEmbeddingsDirectory()
                    ?? throw new CliUsageException("No data/embeddings folder found above the working directory; give --dir or --file.");
            var found = WordVectorDiscovery.Find(dir);
            output.WriteLine(found.Explanation);
            file = found.Path;
        }
        IReadOnlyList<string> texts = args.Positional.Count > 0 ? args.Positional : FashionMnistLabelText.ClassNames;
        using var encoder = WordVectorEncoder.Load(file, policy, texts, badLines);
        output.WriteLine(encoder.Vectors.Describe());
        foreach (var report in encoder.Analyze(texts)) output.WriteLine("  " + report);
        try
        {
            encoder.Encode(texts);
        }
        catch (OutOfVocabularyException e)
        {
            output.WriteLine($"Policy {policy}: {e.Message}");
            return 1;
        }
        output.WriteLine($"Policy {policy}: all {texts.Count} text(s) can be embedded ({encoder.Dimension} dims); cache key {encoder.CacheKey}");
        return 0;
    }
}
