using System.CommandLine;
using System.Globalization;
using FusionKit.Experiments.Retrieval;
using FusionKit.Runs;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit search "query"`: free-text search over the test images (<see cref="TextImageSearch"/>).</summary>
public sealed class SearchCommand : CliCommand
{
    private readonly Argument<string?> _query = new("query")
    {
        Description = "the search text, quoted, e.g. \"a pair of ankle boots\"",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<int> _top = new Option<int>("--top") { Description = "number of images shown", DefaultValueFactory = _ => 16 }.InRange(1, 10_000);
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();

    public SearchCommand() : base("search", "Search the test images with a free-text query; writes the top images as a PNG grid.")
    {
        Add(_query);
        Add(_top);
        Add(_profile);
        Add(_threads);
        Add(_device);
        Add(_out);
    }

    public override string Details => """
        Embeds the query with MiniLM and ranks the profile's test images in a CLIP-style joint space trained on the
        training images and simulated product titles (trained on first use, then read from the cache). Writes the
        top images as a PNG grid into a new run folder under --out and prints its path and each hit's true class and score.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var query = parse.GetValue(_query);
        if (string.IsNullOrWhiteSpace(query))
            throw new CliUsageException("Give one quoted query, e.g. fusionkit search \"a pair of ankle boots\".");
        var top = parse.GetValue(_top);
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var threads = parse.GetValue(_threads);

        var (data, embed) = ExperimentCli.Load(profile, threads, output, context.Cancel);
        using var search = TextImageSearch.Open(data, embed, TextEncoders.Create("minilm", threads: threads), new SearchOptions { Threads = threads, Device = device }, log: output, cancel: context.Cancel);
        var hits = search.Search(query, top);
        var slug = new string(query.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var folder = RunFolder.Create("search", profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        var path = Path.Combine(folder, $"{(slug.Length > 60 ? slug[..60] : slug)}-top{hits.Count}.png");
        search.Grid(query, hits).SavePng(path);
        output.WriteLine($"query \"{query}\": top {hits.Count} of {search.GalleryCount} test images");
        foreach (var h in hits) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{h.Rank,3}. {h.ClassName,-12} {h.Score:F3}  (test image {h.TestIndex})"));
        var counts = hits.GroupBy(h => h.ClassName).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"top classes: {string.Join(", ", counts)}");
        output.WriteLine($"grid: {path}");
        return 0;
    }
}
