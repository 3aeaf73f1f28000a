using System.CommandLine;
using FusionKit.Text;
using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit text vectors`: which word-vector file is used, and which tokens of some texts it lacks.</summary>
public sealed class TextVectorsCommand : CliCommand
{
    private static readonly Dictionary<string, OutOfVocabularyPolicy> Policies = new(StringComparer.Ordinal)
    {
        ["skip"] = OutOfVocabularyPolicy.SkipToken,
        ["zero"] = OutOfVocabularyPolicy.Zero,
        ["error"] = OutOfVocabularyPolicy.Error,
    };

    private readonly Option<string?> _file = new("--file") { Description = "use this vector file instead of discovering one (default: discovered in --dir)", HelpName = "PATH" };
    private readonly Option<string?> _dir = new("--dir") { Description = "folder to discover a file in (default: data/embeddings of this checkout)", HelpName = "DIR" };
    private readonly Option<string> _oov = new Option<string>("--oov")
    {
        Description = "out-of-vocabulary policy the texts are checked against",
        DefaultValueFactory = _ => "skip",
    }.OneOf(Policies.Keys);
    private readonly Option<bool> _skipBad = CommonOptions.SkipBad("lines of the vector file");
    private readonly Argument<string[]> _texts = new("TEXT")
    {
        Description = "texts to check (default: the Fashion-MNIST class names)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public TextVectorsCommand() : base("text vectors", "Show the word-vector file in use and the out-of-vocabulary tokens of some texts.")
    {
        Add(_texts);
        Add(_file);
        Add(_dir);
        Add(_oov);
        Add(_skipBad);
    }

    public override string Details => """
        Picks the word-vector file (a user's GloVe/word2vec file in data/embeddings/ before the kit default), loads
        the words the texts need and prints, per text, its tokens and those without a vector. Without TEXT the
        Fashion-MNIST class names are checked.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        var file = parse.GetValue(_file);
        var dir = parse.GetValue(_dir);
        var policy = Policies[parse.GetValue(_oov)!];
        var badLines = CommonOptions.ResolveBadRows(parse, _skipBad);
        if (file is not null && dir is not null) throw new CliUsageException("Give --file or --dir, not both.");
        if (file is null)
        {
            dir ??= WordVectorDiscovery.FindEmbeddingsDirectory()
                    ?? throw new CliUsageException("No data/embeddings folder found above the working directory; give --dir or --file.");
            var found = WordVectorDiscovery.Find(dir);
            output.WriteLine(found.Explanation);
            file = found.Path;
        }
        IReadOnlyList<string> texts = parse.GetValue(_texts) is { Length: > 0 } given ? given : FashionMnistLabelText.ClassNames;
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
