using System.CommandLine;
using System.Globalization;
using FusionKit.Experiments.Retrieval;
using FusionKit.Runs;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit retrieval`: retrieval by predicted class and text&lt;-&gt;image retrieval in a joint space (<see cref="RetrievalExperiment"/>).</summary>
public sealed class RetrievalCommand : CliCommand
{
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();

    public RetrievalCommand() : base("retrieval", "Image retrieval by classification results and text<->image retrieval in a joint space; tables as CSV/JSON.")
    {
        Add(_profile);
        Add(_seeds);
        Add(_threads);
        Add(_device);
        Add(_out);
    }

    public override string Details => """
        Over the seeds: (a) trains an image-only classifier, retrieves test images by predicted class
        ranked by cosine, and reports P@K, R@K and mAP against the true classes (with a bootstrap 95% CI over the
        queries of the first seed); (b) trains CLIP-style joint spaces on training images paired with label
        descriptions and with simulated product titles (MiniLM, cached) and reports text->image and image->text
        R@1/5/10, median rank and mAP. Identical titles are one text (never each other's negatives in training, one
        query in evaluation). The side-text space is scored with exact-text relevance (a title is relevant to the
        images carrying exactly that title) and with class-level relevance (a title is relevant to every image of the
        class it names; titles naming no class are not queries). Writes retrieval.csv, retrieval-intervals.csv and
        retrieval.json into a new run folder under --out.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var threads = parse.GetValue(_threads);

        var (data, embed) = ExperimentCli.Load(profile, threads, output, context.Cancel);
        var result = RetrievalExperiment.Run(data, embed, new RetrievalExperimentOptions { Threads = threads, Device = device }, CommonOptions.ResolveSeeds(parse, _seeds, profile), output, context.Cancel);
        output.WriteLine();
        output.WriteLine(ExperimentCli.Format(result.ToDataFrame(), "task", "setting", "metric", "value", TextSources.ColumnName));
        foreach (var note in result.Notes()) output.WriteLine(note);
        output.WriteLine($"bootstrap 95% intervals over the test queries, seed {result.Seeds[0]}:");
        output.WriteLine(ExperimentCli.Format(result.IntervalsDataFrame(), "metric", "value"));
        var folder = RunFolder.Create("retrieval", profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        foreach (var path in result.Save(folder)) output.WriteLine($"wrote {path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"retrieval: done in {result.Seconds:F1} s"));
        return 0;
    }
}
