using System.Globalization;
using FusionKit.Experiments;
using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit search "query"`: free-text search over the test images (<see cref="TextImageSearch"/>).</summary>
public sealed class SearchCommand : ICliCommand
{
    public string Name => "search";
    public string Summary => "Search the test images with a free-text query; writes the top images as a PNG grid.";
    public string Usage => """
        fusionkit search "a pair of ankle boots" [--top 16] [--profile smoke|default] [--threads N]

        Embeds the query with MiniLM and ranks the profile's test images in a CLIP-style joint space trained on the
        training images and simulated product titles (trained on first use, then read from the cache). Writes the
        top images as a PNG grid under results/search/ and prints its path and each hit's true class and score.
          --top       number of images (default 16)
          --profile   smoke or default (FUSIONKIT_PROFILE)
          --threads   torch and encoder threads (default 1)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var top = args.Int("top", 16, min: 1, max: 10_000);
        var profile = ExperimentCli.Profile(args);
        var threads = args.Int("threads", 1, min: 1, max: 256);
        args.EnsureAllUsed();
        if (args.Positional.Count != 1 || string.IsNullOrWhiteSpace(args.Positional[0]))
            throw new CliUsageException($"Give one quoted query, e.g. fusionkit search \"a pair of ankle boots\"; got {args.Positional.Count} words.");
        var query = args.Positional[0];

        var (data, embed) = ExperimentCli.Load(profile, threads, output);
        using var search = TextImageSearch.Open(data, embed, TextEncoders.Create("minilm", threads: threads), new SearchOptions { Threads = threads }, log: output);
        var hits = search.Search(query, top);
        var slug = new string(query.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var path = Path.Combine(KitPaths.ResultsDirectory(), "search", $"{(slug.Length > 60 ? slug[..60] : slug)}-{profile.Name}-top{hits.Count}.png");
        search.Grid(query, hits).SavePng(path);
        output.WriteLine($"query \"{query}\": top {hits.Count} of {search.GalleryCount} test images");
        foreach (var h in hits) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{h.Rank,3}. {h.ClassName,-12} {h.Score:F3}  (test image {h.TestIndex})"));
        var counts = hits.GroupBy(h => h.ClassName).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"top classes: {string.Join(", ", counts)}");
        output.WriteLine($"grid: {path}");
        return 0;
    }
}
