using System.Globalization;
using FusionKit.Data;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit data info`: sample counts per class and the fingerprint of Fashion-MNIST or a manifest dataset.</summary>
public sealed class DataInfoCommand : ICliCommand
{
    private static readonly Dictionary<string, FashionMnistSplit> Splits = new(StringComparer.Ordinal)
    {
        ["train"] = FashionMnistSplit.Train,
        ["test"] = FashionMnistSplit.Test,
    };

    public string Name => "data info";

    public string Summary => "Counts per class and fingerprint of Fashion-MNIST or a manifest dataset.";

    public string Usage => """
        fusionkit data info [--split train|test] [--manifest PATH [--skip-bad] [--max-pixels N]]

          --split       Fashion-MNIST split to describe (default train); data found as by FUSIONKIT_DATA or data/.
          --manifest    a CSV (image,text,label) or JSONL manifest of your own images instead of Fashion-MNIST.
          --skip-bad    with --manifest: leave bad rows out and list them, instead of failing at the first.
          --max-pixels  with --manifest: largest width x height accepted (default 40000000).
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var manifest = args.String("manifest");
        var splitGiven = args.String("split") is not null;
        var split = args.Choice("split", FashionMnistSplit.Train, Splits);
        var skipBad = args.Flag("skip-bad");
        var maxPixels = args.Int("max-pixels", (int)ImageFileDecoder.DefaultMaxPixels, min: 1);
        args.EnsureAllUsed();
        if (manifest is not null && splitGiven) throw new CliUsageException("Give either --manifest or --split, not both.");
        if (manifest is null && (skipBad || maxPixels != ImageFileDecoder.DefaultMaxPixels))
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
        Write(dataset, skipped, output);
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
