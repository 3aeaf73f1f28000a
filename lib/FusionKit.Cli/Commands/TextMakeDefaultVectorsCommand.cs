using System.CommandLine;
using System.Diagnostics;
using FusionKit.Text;
using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit text make-default-vectors`: regenerates data/embeddings/minilm-words-384d.txt.gz.</summary>
public sealed class TextMakeDefaultVectorsCommand : CliCommand
{
    private readonly Option<string?> _file = new("--file")
    {
        Description = $"the vector file written (default: data/embeddings/{DefaultWordVectors.FileName} of this checkout)",
        HelpName = "PATH",
    };
    private readonly Option<int> _words = new Option<int>("--words")
    {
        Description = "whole words taken from MiniLM's vocab.txt; the Fashion-MNIST label and description words are always added",
        DefaultValueFactory = _ => DefaultWordVectors.DefaultWordCount,
    }.InRange(0, 1_000_000);
    private readonly Option<int> _threads = CommonOptions.Threads();

    public TextMakeDefaultVectorsCommand() : base("text make-default-vectors", "Regenerate the kit's default word vectors (MiniLM single-word embeddings, GloVe text format).")
    {
        Add(_file);
        Add(_words);
        Add(_threads);
    }

    public override string Details => $"""
        Embeds each word of the default vocabulary alone with all-MiniLM-L6-v2 and writes it in GloVe text format,
        gzip-compressed, {DefaultWordVectors.Decimals} decimals. Deterministic for a given vocabulary and model.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        var words = parse.GetValue(_words);
        var threads = parse.GetValue(_threads);
        var outPath = parse.GetValue(_file)
                      ?? (WordVectorDiscovery.FindEmbeddingsDirectory() is { } dir
                          ? Path.Combine(dir, DefaultWordVectors.FileName)
                          : throw new CliUsageException("No data/embeddings folder found above the working directory; give --file PATH."));

        var vocabulary = DefaultWordVectors.Vocabulary(words);
        output.WriteLine($"Embedding {vocabulary.Count:N0} words with {MiniLmModel.ModelName} ({threads} thread(s)) into {Path.GetFullPath(outPath)}");
        var watch = Stopwatch.StartNew();
        using (var encoder = new SentenceEncoder(intraOpThreads: threads, batchSize: 256))
            DefaultWordVectors.Write(outPath, vocabulary, encoder, output);
        output.WriteLine($"Wrote {new FileInfo(outPath).Length:N0} bytes in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
