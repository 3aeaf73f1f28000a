using System.Globalization;
using FusionKit.Experiments;
using FusionKit.Platform;
using Microsoft.Data.Analysis;

namespace FusionKit.Cli.Commands;

/// <summary>What the experiment commands share: the profile option, loading the data, result folders, plain tables.</summary>
internal static class ExperimentCli
{
    public static RunProfile Profile(CliArguments args) => args.Choice("profile", RunProfile.FromEnvironment(), RunProfile.All);

    public static (EmbeddedData Data, TextEmbedder Embed) Load(RunProfile profile, int threads, TextWriter output)
    {
        TorchRuntime.EnsureReady();
        var data = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions { Threads = threads }, output);
        return (data, RetrievalTextEmbedding.Cached(log: output, threads: threads));
    }

    /// <summary>results/&lt;kind&gt;-&lt;profile&gt;-&lt;UTC time&gt;/, created.</summary>
    public static string RunFolder(string kind, RunProfile profile)
    {
        var id = $"{kind}-{profile.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        return Directory.CreateDirectory(Path.Combine(KitPaths.ResultsDirectory(), id)).FullName;
    }

    /// <summary>The named columns as an aligned plain-text table, without a rule or a final newline (<see cref="SectionTables.Text(DataFrame, IReadOnlyList{string}, bool)"/>).</summary>
    public static string Format(DataFrame frame, params string[] columns) =>
        SectionTables.Text(frame, columns, rule: false).TrimEnd('\n').ReplaceLineEndings();
}
