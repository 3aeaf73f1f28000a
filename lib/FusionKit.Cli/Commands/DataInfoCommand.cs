using System.CommandLine;
using System.Globalization;
using FusionKit.Data;
using FusionKit.Data.Manifest;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit data info`: sample counts per class and the fingerprint of Fashion-MNIST or a manifest dataset.</summary>
public sealed class DataInfoCommand : CliCommand
{
    private static readonly Dictionary<string, FashionMnistSplit> Splits = new(StringComparer.Ordinal)
    {
        ["train"] = FashionMnistSplit.Train,
        ["test"] = FashionMnistSplit.Test,
    };

    private readonly Option<string> _split = new Option<string>("--split")
    {
        Description = "Fashion-MNIST split to describe; data found as by FUSIONKIT_DATA or data/",
        DefaultValueFactory = _ => "train",
    }.OneOf(Splits.Keys);
    private readonly Option<string?> _manifest = new("--manifest")
    {
        Description = "a CSV (image,text,label) or JSONL manifest of your own images instead of Fashion-MNIST (default: none)",
        HelpName = "PATH",
    };
    private readonly Option<bool> _skipBad = CommonOptions.SkipBad("with --manifest");
    private readonly Option<int> _maxPixels = new Option<int>("--max-pixels")
    {
        Description = "with --manifest: largest width x height accepted",
        DefaultValueFactory = _ => (int)ImageFileDecoder.DefaultMaxPixels,
    }.InRange(1);

    public DataInfoCommand() : base("data info", "Counts per class and fingerprint of Fashion-MNIST or a manifest dataset.")
    {
        Add(_split);
        Add(_manifest);
        Add(_skipBad);
        Add(_maxPixels);
    }

    public override int Run(ParseResult parse, CliContext context)
    {
        var manifest = parse.GetValue(_manifest);
        var split = Splits[parse.GetValue(_split)!];
        var skipBad = parse.GetValue(_skipBad);
        var maxPixels = parse.GetValue(_maxPixels);
        if (manifest is not null && CommonOptions.IsGiven(parse, _split)) throw new CliUsageException("Give either --manifest or --split, not both.");
        if (manifest is null && (skipBad || CommonOptions.IsGiven(parse, _maxPixels)))
            throw new CliUsageException("--skip-bad and --max-pixels apply to --manifest only.");

        Dataset dataset;
        IReadOnlyList<SkippedRow> skipped = [];
        if (manifest is null)
        {
            dataset = FashionMnist.Load(split);
        }
        else
        {
            var result = ManifestDataset.Load(manifest, new ManifestLoadOptions
            {
                Policy = skipBad ? BadRowPolicy.Skip : BadRowPolicy.Fail,
                MaxPixels = maxPixels,
            });
            (dataset, skipped) = (result.Dataset, result.Skipped);
        }
        Write(dataset, skipped, context.Output);
        return 0;
    }

    private static void Write(Dataset dataset, IReadOnlyList<SkippedRow> skipped, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var counts = new int[dataset.ClassNames.Count];
        foreach (var label in dataset.Labels()) counts[label]++;
        var sizes = dataset.Samples.Select(s => (s.Image.Width, s.Image.Height, s.Image.Channels)).Distinct().ToList();
        output.WriteLine($"dataset      {dataset.Name}");
        output.WriteLine(string.Create(inv, $"samples      {dataset.Count:N0}"));
        output.WriteLine($"classes      {dataset.ClassNames.Count}");
        output.WriteLine(sizes.Count == 1
            ? $"image size   {sizes[0].Width}x{sizes[0].Height}x{sizes[0].Channels}"
            : $"image sizes  {sizes.Count} different (e.g. {string.Join(", ", sizes.Take(3).Select(s => $"{s.Width}x{s.Height}x{s.Channels}"))})");
        output.WriteLine($"fingerprint  {dataset.Fingerprint}");
        output.WriteLine();
        var width = Math.Max("class".Length, dataset.ClassNames.Max(n => n.Length));
        output.WriteLine($"{"label",5}  {"class".PadRight(width)}  {"count",7}");
        for (var c = 0; c < counts.Length; c++)
            output.WriteLine(string.Create(inv, $"{c,5}  {dataset.ClassNames[c].PadRight(width)}  {counts[c],7:N0}"));
        if (skipped.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"skipped {skipped.Count} bad row{(skipped.Count == 1 ? "" : "s")}:");
            foreach (var row in skipped) output.WriteLine($"  {row}");
        }
    }
}
