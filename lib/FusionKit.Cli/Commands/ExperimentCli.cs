using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Platform;
using FusionKit.Runs;
using Microsoft.Data.Analysis;

namespace FusionKit.Cli.Commands;

/// <summary>What the experiment commands share: loading the data, result folders, plain tables.</summary>
internal static class ExperimentCli
{
    public static (EmbeddedData Data, TextEmbedder Embed) Load(RunProfile profile, int threads, TextWriter output, CancellationToken cancel = default)
    {
        TorchRuntime.EnsureReady();
        var data = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions { Threads = threads }, output, cancel);
        return (data, TextEmbedding.Cached(log: output, threads: threads));
    }

    /// <summary>The named columns as an aligned plain-text table, without a rule or a final newline (<see cref="SectionTables.Text(DataFrame, IReadOnlyList{string}, bool)"/>).</summary>
    public static string Format(DataFrame frame, params string[] columns) =>
        SectionTables.Text(frame, columns, rule: false).TrimEnd('\n').ReplaceLineEndings();
}
