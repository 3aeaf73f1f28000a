using System.Diagnostics;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit text make-default-vectors`: regenerates data/embeddings/minilm-words-384d.txt.gz.</summary>
public sealed class TextMakeDefaultVectorsCommand : ICliCommand
{
    public string Name => "text make-default-vectors";

    public string Summary => "Regenerate the kit's default word vectors (MiniLM single-word embeddings, GloVe text format).";

    public string Usage => $"""
        Usage: fusionkit text make-default-vectors [--out PATH] [--words N] [--threads N]

        Embeds each word of the default vocabulary alone with all-MiniLM-L6-v2 and writes it in GloVe text format,
        gzip-compressed, {DefaultWordVectors.Decimals} decimals. Deterministic for a given vocabulary and model.
          --out PATH     output file (default: data/embeddings/{DefaultWordVectors.FileName} of this repository)
          --words N      whole words taken from MiniLM's vocab.txt (default {DefaultWordVectors.DefaultWordCount}); the
                         Fashion-MNIST label and description words are always added
          --threads N    ONNX Runtime intra-op threads (default 1)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var outPath = args.String("out");
        var words = args.Int("words", DefaultWordVectors.DefaultWordCount, min: 0, max: 1_000_000);
        var threads = args.Int("threads", 1, min: 0, max: 256);
        args.EnsureAllUsed();
        if (args.Positional.Count > 0) throw new CliUsageException($"Unexpected argument '{args.Positional[0]}'.");
        outPath ??= WordVectorDiscovery.FindEmbeddingsDirectory() is { } dir
            ? Path.Combine(dir, DefaultWordVectors.FileName)
            : throw new CliUsageException("No data/embeddings folder found above the working directory; give --out PATH.");

        var vocabulary = DefaultWordVectors.Vocabulary(words);
        output.WriteLine($"Embedding {vocabulary.Count:N0} words with {MiniLmModel.ModelName} ({threads} thread(s)) into {Path.GetFullPath(outPath)}");
        var watch = Stopwatch.StartNew();
        using (var encoder = new SentenceEncoder(intraOpThreads: threads, batchSize: 256))
            DefaultWordVectors.Write(outPath, vocabulary, encoder, output);
        output.WriteLine($"Wrote {new FileInfo(outPath).Length:N0} bytes in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
