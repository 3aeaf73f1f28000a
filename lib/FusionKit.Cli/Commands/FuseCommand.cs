using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Models.Fusion;
using FusionKit.Runs;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit fuse`: retrains one fusion method on the cached embeddings plus simulated side text, compares it
/// with the image-only baseline (same head) and writes its charts (validation curves, ablation, modality weights).
/// </summary>
public sealed class FuseCommand : CliCommand
{
    private readonly Option<string> _method = new Option<string>("--method")
    {
        Description = "fusion method, or a baseline",
        DefaultValueFactory = _ => FusionKit.Models.Fusion.FusionMethods.Gated,
    }.OneOf(FusionExperiment.AllNames);
    private readonly Option<string> _hidden = new("--hidden")
    {
        Description = "head hidden widths, comma-separated (e.g. 512,128), or none",
        DefaultValueFactory = _ => "256",
        HelpName = "WIDTHS|none",
    };
    private readonly Option<double> _dropout = new Option<double>("--dropout") { Description = "dropout of the head", DefaultValueFactory = _ => 0 }.InRange(0, 0.99);
    private readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "training epochs", DefaultValueFactory = _ => 3 }.InRange(1, 10_000);
    private readonly Option<int> _batch = new Option<int>("--batch") { Description = "rows per optimizer step", DefaultValueFactory = _ => 256 }.InRange(1, 1_000_000);
    private readonly Option<double> _lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 }.InRange(1e-9, 10);
    private readonly Option<double> _reliability = new Option<double>("--reliability")
    {
        Description = "share of side texts naming the true class; the rest splits evenly between a confusable class and boilerplate",
        DefaultValueFactory = _ => 0.8,
    }.InRange(0, 1);
    private readonly Option<string?> _weights = new("--weights")
    {
        Description = "weighted only: fixed image,text weights summing to 1, e.g. 0.7,0.3 (default: learned)",
        HelpName = "IMAGE,TEXT",
    };
    private readonly Option<double> _modalityDropout = new Option<double>("--modality-dropout")
    {
        Description = "probability of zeroing one modality of a training row",
        DefaultValueFactory = _ => 0,
    }.InRange(0, 1);
    private readonly Option<int> _seed = new Option<int>("--seed") { Description = "model seed", DefaultValueFactory = _ => 0 }.InRange(0);
    private readonly Option<int> _textSeed = new Option<int>("--text-seed") { Description = "seed of the simulated side texts", DefaultValueFactory = _ => 0 }.InRange(0);
    private readonly Option<int> _mfbOutput = new Option<int>("--mfb-output")
    {
        Description = "bilinear: MFB output width o (Yu et al.'s 1000 trains slower and was not measurably more accurate on the validation split)",
        DefaultValueFactory = _ => FusionExperimentConfig.ExperimentMfbOutputDim,
    }.InRange(1, 100_000);
    private readonly Option<int?> _trainPerClass = new Option<int?>("--train-per-class")
    {
        Description = $"train on a stratified subset of N images per class (the baseline too) (default: all, except cross-attention: "
                      + $"{FusionExperimentConfig.SpatialTrainPerClass}, as it reads 49 x 512 tokens per image, ~100 KB; the first run embeds them, "
                      + "minutes for the default profile, then they are cached)",
        HelpName = "N",
    }.InRange(1, 1_000_000);
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<string?> _manifest = new("--manifest")
    {
        Description = "your own data instead of Fashion-MNIST: a manifest (image,text,label CSV or JSONL; see `data info`) whose text column is "
                      + "the side text (real, not simulated: --reliability and --text-seed do not apply) (default: none)",
        HelpName = "FILE",
    };
    private readonly Option<double> _testFraction = new Option<double>("--test-fraction")
    {
        Description = "with --manifest: share of each class held out as test; validation is 0.1 of the rest; each class needs 3 images, "
                      + "and a class whose share rounds to none gives one image to that split",
        DefaultValueFactory = _ => 0.2,
    }.InRange(0.01, 0.9);
    private readonly Option<bool> _skipBad = CommonOptions.SkipBad("with --manifest");
    private readonly Option<string> _textEncoder = new Option<string>("--text-encoder")
    {
        Description = "encoder of the side texts",
        DefaultValueFactory = _ => "minilm",
    }.OneOf(TextEncoders.Names);
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();

    public FuseCommand() : base("fuse", "Retrain one fusion method on cached embeddings + simulated side text; metrics vs image-only, charts in a run folder.")
    {
        _hidden.Validators.Add(result =>
        {
            if (ParseHidden(result.GetValueOrDefault<string>()) is null)
                result.AddError($"--hidden takes positive widths separated by commas (e.g. 256 or 512,128) or 'none'; got '{result.GetValueOrDefault<string>()}'.");
        });
        foreach (var option in new Option[]
                 {
                     _method, _hidden, _dropout, _epochs, _batch, _lr, _reliability, _weights, _modalityDropout, _seed, _textSeed, _mfbOutput,
                     _trainPerClass, _profile, _manifest, _testFraction, _skipBad, _textEncoder, _threads, _device, _out,
                 })
            Add(option);
    }

    public override string Details => """
        Trains the method on the profile's cached image embeddings and one simulated product title per image
        (Fashion-MNIST has no text; the label's own text would leak the answer), evaluates it on the test split,
        and does the same for the image-only baseline with the same head. Prints accuracy, macro-F1, training
        seconds and parameters, the ablation (one modality zeroed) and the mean modality weights; writes
        charts.html into a new run folder under --out. Cross-attention also writes attention.png: test images
        beside their attention maps (where the text looked), one per class, captions printed.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var method = parse.GetValue(_method)!;
        var config = new FusionExperimentConfig
        {
            Method = method,
            HiddenSizes = ParseHidden(parse.GetValue(_hidden)!)!,
            Dropout = parse.GetValue(_dropout),
            Epochs = parse.GetValue(_epochs),
            BatchSize = parse.GetValue(_batch),
            LearningRate = parse.GetValue(_lr),
            Reliability = SideTextReliability.FromTrueFraction(parse.GetValue(_reliability)),
            FixedWeights = ParseWeights(parse.GetValue(_weights), method),
            ModalityDropout = parse.GetValue(_modalityDropout),
            Seed = parse.GetValue(_seed),
            TextSeed = parse.GetValue(_textSeed),
            TextEncoder = parse.GetValue(_textEncoder)!,
            Threads = parse.GetValue(_threads),
            Device = device,
            TrainPerClass = parse.GetValue(_trainPerClass),
            FusionOptions = FusionExperimentConfig.Quick.FusionOptions with { MfbOutputDim = parse.GetValue(_mfbOutput) },
        };
        var manifest = parse.GetValue(_manifest);
        var testFraction = parse.GetValue(_testFraction);
        if (parse.GetValue(_skipBad) && manifest is null) throw new CliUsageException("--skip-bad applies to --manifest only.");
        if (manifest is not null && (CommonOptions.IsGiven(parse, _profile) || CommonOptions.IsGiven(parse, _reliability) || CommonOptions.IsGiven(parse, _textSeed)))
            throw new CliUsageException("--manifest uses the manifest's own data and text: drop --profile, --reliability and --text-seed.");
        if (manifest is not null && !File.Exists(manifest)) throw new CliUsageException($"--manifest: the file '{manifest}' does not exist.");
        var profile = manifest is null ? CommonOptions.ResolveProfile(parse, _profile) : null;
        var outDir = RunFolder.Create("fuse", profile?.Name ?? "manifest", CommonOptions.ResultsRoot(parse, _out)).Path;
        output.WriteLine($"run folder: {outDir}");
        var cancel = context.Cancel;

        var clock = Stopwatch.StartNew();
        using var bench = profile is not null
            ? FusionWorkbench.Open(profile, config.TextEncoder, output, config.Threads ?? 1, cancel)
            : FusionWorkbench.OpenManifest(manifest!, config.TextEncoder, testFraction, output, config.Threads ?? 1,
                                           badRows: CommonOptions.ResolveBadRows(parse, _skipBad));
        var inputs = bench.Inputs(config.Reliability, config.TextSeed);
        var text = bench.UsesOwnText ? "the manifest's own text" : $"simulated side text {FusionExperimentConfig.DescribeReliability(config.Reliability)}";
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "data ready in {0:F1}s: {1:N0} train / {2:N0} validation / {3:N0} test rows ({4}), {5}",
            clock.Elapsed.TotalSeconds, inputs.Train.Count, inputs.Validation.Count, inputs.Test.Count, profile is null ? manifest : profile.Name + " profile", text));

        var baseline = bench.RunBaseline(config); // trained on the same images (cross-attention's subset included)
        var methodInputs = bench.InputsFor(config); // spatial tokens for cross-attention (embedded the first time)
        var retrain = Stopwatch.StartNew();
        var run = method == FusionExperiment.ImageOnly ? baseline : FusionExperiment.Run(methodInputs, config);
        var runs = method == FusionExperiment.ImageOnly ? new[] { baseline } : [baseline, run];
        var chartsPath = Path.Combine(outDir, "charts.html");
        FusionReport.Save(runs, bench.ClassNames, chartsPath, $"fusionkit fuse --method {method}");
        var retrainSeconds = retrain.Elapsed.TotalSeconds;
        if (run.AttentionMaps is not null)
        {
            var grid = bench.AttentionGrid(run);
            var gridPath = Path.Combine(outDir, "attention.png");
            grid.SavePng(gridPath);
            output.WriteLine($"attention maps: {gridPath} (left to right, top to bottom; each image, then its map):");
            for (var i = 0; i < grid.Tiles.Count; i += 2) output.WriteLine($"  {grid.Tiles[i].Caption} | {grid.Tiles[i + 1].Caption}");
        }

        Print(output, config, baseline, run);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "quick retrain of {0} plus charts: {1:F2}s (torch threads {2})", method, retrainSeconds, config.Threads));
        output.WriteLine($"charts: {chartsPath}");
        return 0;
    }

    private static void Print(TextWriter output, FusionExperimentConfig config, FusionRunResult baseline, FusionRunResult run)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"settings: {config.DescribeParameters()}");
        output.WriteLine(string.Format(c, "{0,-12} {1,9} {2,9} {3,9} {4,11}  {5}", "model", "accuracy", "macro-F1", "train s", "parameters", TextSources.ColumnName));
        foreach (var r in baseline == run ? new[] { run } : [baseline, run])
            output.WriteLine(string.Format(c, "{0,-12} {1,9:F4} {2,9:F4} {3,9:F2} {4,11:N0}  {5}", r.Config.Method, r.Accuracy, r.MacroF1, r.TrainSeconds, r.Parameters,
                                           TextSources.Name(r.TextSource)));
        if (baseline != run)
            output.WriteLine(string.Format(c, "vs image-only: accuracy {0:+0.0000;-0.0000}, macro-F1 {1:+0.0000;-0.0000}", run.Accuracy - baseline.Accuracy, run.MacroF1 - baseline.MacroF1));
        if (run.Ablation is { } a)
            output.WriteLine(string.Format(c, "ablation (test accuracy): both {0:F4}, image zeroed {1:F4}, text zeroed {2:F4}", a.Both, a.ImageZeroed, a.TextZeroed));
        if (run.ModalityWeights is { } w)
            output.WriteLine(string.Format(c, "mean modality weights on test: image {0:F3}, text {1:F3} (per class in charts.html)", w.Average(x => x[0]), w.Average(x => x[1])));
    }

    /// <summary>The widths of "512,128", none for "none", or null when the text is neither.</summary>
    private static IReadOnlyList<int>? ParseHidden(string text)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                return null;
        return sizes;
    }

    private static (double Image, double Text)? ParseWeights(string? text, string method)
    {
        if (text is null) return null;
        if (method != FusionKit.Models.Fusion.FusionMethods.Weighted)
            throw new CliUsageException($"--weights applies to --method weighted only, not '{method}'.");
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var image)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var textWeight)
            || image < 0 || textWeight < 0 || Math.Abs(image + textWeight - 1) > 1e-6)
            throw new CliUsageException($"--weights takes two non-negative numbers image,text that sum to 1 (e.g. 0.7,0.3); got '{text}'.");
        return (image, textWeight);
    }
}
