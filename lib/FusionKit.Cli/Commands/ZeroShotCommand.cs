using System.CommandLine;
using System.Globalization;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Runs;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit zero-shot`: DeViSE and the compatibility model on unseen classes (<see cref="ZeroShotExperiment"/>).</summary>
public sealed class ZeroShotCommand : CliCommand
{
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _splits = List("--splits", [ZeroShotExperiment.FixedSplit, ZeroShotExperiment.RandomSplit]);
    private readonly Option<string?> _methods = List("--methods", [ZeroShotExperiment.Devise, ZeroShotExperiment.Compatibility]);
    private readonly Option<string?> _encoders = List("--encoders", TextEncoders.Names, "label-text encoders");
    private readonly Option<string?> _texts = List("--texts", [ZeroShotExperiment.Names, ZeroShotExperiment.DescriptionTexts], "label texts");
    private readonly Option<string?> _out = CommonOptions.Out();

    public ZeroShotCommand() : base("zero-shot", "Zero-shot classification (DeViSE, compatibility model): ZSL accuracy, GZSL S/U/H, calibrated S/U/H and AUSUC; tables as CSV/JSON.")
    {
        foreach (var option in new Option[] { _profile, _seeds, _threads, _device, _splits, _methods, _encoders, _texts, _out }) Add(option);
    }

    public override string Details => """
        Trains on the seen classes only, for the fixed split (Sandal, Shirt, Bag unseen) and a random split per
        seed, with DeViSE and the compatibility model, label embeddings from word vectors and MiniLM, of the bare
        class names and of short descriptions; reports unseen-among-unseen accuracy (ZSL) and generalized S, U, H,
        mean ± std over the seeds. Against the seen-class bias (Chao et al., ECCV 2016) it also reports
        AUSUC (area under the seen-unseen accuracy curve over every calibration gamma; nothing tuned) and calibrated
        stacking (S cal, U cal, H cal): gamma is chosen on validation only - some seen classes are held out as
        validation-unseen, a second model trains on the rest, the validation images pick the gamma of best H - and
        then subtracted from the seen-class test scores. Accuracies are per-class means. Takes about twice as long
        as the uncalibrated run (the second model). Writes zero-shot.csv and zero-shot.json into a new run folder under --out.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var threads = parse.GetValue(_threads);
        var defaults = new ZeroShotExperimentOptions();
        var options = defaults with
        {
            Threads = threads,
            Device = device,
            Splits = Value(parse, _splits, defaults.Splits),
            Methods = Value(parse, _methods, defaults.Methods),
            LabelEncoders = Value(parse, _encoders, defaults.LabelEncoders),
            LabelTexts = Value(parse, _texts, defaults.LabelTexts),
        };

        var (data, embed) = ExperimentCli.Load(profile, threads, output, context.Cancel);
        var result = ZeroShotExperiment.Run(data, embed, options, CommonOptions.ResolveSeeds(parse, _seeds, profile), output, context.Cancel);
        output.WriteLine();
        output.WriteLine(ExperimentCli.Format(result.ToDataFrame(), ["split", "method", "label encoder", "label text", TextSources.ColumnName, .. ZeroShotResult.MetricNames]));
        var folder = RunFolder.Create("zero-shot", profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        foreach (var path in result.Save(folder)) output.WriteLine($"wrote {path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zero-shot: done in {result.Seconds:F1} s"));
        return 0;
    }

    /// <summary>A comma list of names out of <paramref name="allowed"/>; absent = every one (the experiment's default).</summary>
    private static Option<string?> List(string name, IReadOnlyList<string> allowed, string? what = null) =>
        new Option<string?>(name)
        {
            Description = $"comma-separated {what ?? name.TrimStart('-')} to run: {string.Join(", ", allowed)} (default: all of them)",
            HelpName = "LIST",
        }.ListOf(allowed);

    private static IReadOnlyList<string> Value(ParseResult parse, Option<string?> option, IReadOnlyList<string> fallback) =>
        parse.GetValue(option) is { } text ? OptionRules.List(text) : fallback;
}
