using System.Diagnostics;
using System.Globalization;
using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Experiments;
using FusionKit.Interactive;
using FusionKit.Platform;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit fuse`: retrains one fusion method on the cached embeddings plus simulated side text, compares it
/// with the image-only baseline (same head) and writes its charts (validation curves, ablation, modality weights).
/// </summary>
public sealed class FuseCommand : ICliCommand
{
    public string Name => "fuse";
    public string Summary => "Retrain one fusion method on cached embeddings + simulated side text; metrics vs image-only, charts under results/.";
    public string Usage => $"""
        fusionkit fuse [--method gated] [--hidden 256] [--dropout 0] [--epochs 3] [--batch 256] [--lr 1e-3]
                       [--reliability 0.8] [--weights 0.7,0.3] [--modality-dropout 0] [--seed 0] [--text-seed 0] [--mfb-output 128]
                       [--train-per-class N] [--profile smoke|default | --manifest FILE [--test-fraction 0.2] [--skip-bad]]
                       [--text-encoder minilm|wordvec] [--threads 1] [--out DIR]

        Trains the method on the profile's cached image embeddings and one simulated product title per image
        (Fashion-MNIST has no text; the label's own text would leak the answer), evaluates it on the test split,
        and does the same for the image-only baseline with the same head. Prints accuracy, macro-F1, training
        seconds and parameters, the ablation (one modality zeroed) and the mean modality weights; writes
        charts.html under results/fuse/<method>/ (or --out). Cross-attention also writes attention.png: test images
        beside their attention maps (where the text looked), one per class, captions printed.
          --method         {string.Join(", ", FusionExperiment.AllNames)}
          --hidden         head hidden widths, comma-separated, or "none" (default 256)
          --reliability    share of side texts naming the true class; the rest splits evenly between a confusable
                           class and boilerplate (default 0.8)
          --weights        weighted only: fixed image,text weights summing to 1; default learns them
          --mfb-output     bilinear: MFB output width o (default {FusionExperimentConfig.ExperimentMfbOutputDim}; Yu et al.'s 1000 trains slower and was not
                           measurably more accurate on the validation split)
          --train-per-class  train on a stratified subset of N images per class (the baseline too); default all,
                           except cross-attention: {FusionExperimentConfig.SpatialTrainPerClass} (it reads 49 x 512 tokens per image, ~100 KB;
                           the first run embeds them, minutes for the default profile, then they are cached)
          --profile        smoke (100 train + 50 test images per class) or default (all); FUSIONKIT_PROFILE
          --manifest       your own data instead: a manifest (image,text,label CSV or JSONL; see `data info`) whose text
                           column is the side text (real, not simulated: --reliability and --text-seed do not apply);
                           split by class into test (--test-fraction, default 0.2), validation (0.1 of the rest), train;
                           each class needs 3 images, and a class whose share rounds to none gives one image to that split
          --skip-bad       with --manifest: leave bad rows out and list them, instead of failing at the first.
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var method = args.String("method", FusionKit.Fusion.FusionMethods.Gated).Trim().ToLowerInvariant();
        if (!FusionExperiment.AllNames.Contains(method))
            throw new CliUsageException($"--method must be one of {string.Join(", ", FusionExperiment.AllNames)}; got '{method}'.");
        var config = new FusionExperimentConfig
        {
            Method = method,
            HiddenSizes = ParseHidden(args.String("hidden", "256")),
            Dropout = args.Double("dropout", 0, min: 0, max: 0.99),
            Epochs = args.Int("epochs", 3, min: 1, max: 10_000),
            BatchSize = args.Int("batch", 256, min: 1, max: 1_000_000),
            LearningRate = args.Double("lr", 1e-3, min: 1e-9, max: 10),
            Reliability = SideTextReliability.FromTrueFraction(args.Double("reliability", 0.8, min: 0, max: 1)),
            FixedWeights = ParseWeights(args.String("weights"), method),
            ModalityDropout = args.Double("modality-dropout", 0, min: 0, max: 1),
            Seed = args.Int("seed", 0, min: 0),
            TextSeed = args.Int("text-seed", 0, min: 0),
            TextEncoder = args.Choice("text-encoder", "minilm", TextEncoders.Names.ToDictionary(n => n, n => n)),
            Threads = args.Int("threads", 1, min: 1, max: 256),
            TrainPerClass = args.String("train-per-class") is null ? null : args.Int("train-per-class", 0, min: 1, max: 1_000_000),
            FusionOptions = FusionExperimentConfig.Quick.FusionOptions with { MfbOutputDim = args.Int("mfb-output", FusionExperimentConfig.ExperimentMfbOutputDim, min: 1, max: 100_000) },
        };
        var manifest = args.String("manifest");
        var testFraction = args.Double("test-fraction", 0.2, min: 0.01, max: 0.9);
        var skipBad = args.Flag("skip-bad");
        if (skipBad && manifest is null) throw new CliUsageException("--skip-bad applies to --manifest only.");
        if (manifest is not null && (args.String("profile") is not null || args.String("reliability") is not null || args.String("text-seed") is not null))
            throw new CliUsageException("--manifest uses the manifest's own data and text: drop --profile, --reliability and --text-seed.");
        var profile = manifest is null ? ExperimentCli.Profile(args) : null;
        var outDir = args.String("out") ?? Path.Combine(KitPaths.ResultsDirectory(), "fuse", method);
        args.EnsureAllUsed();
        if (manifest is not null && !File.Exists(manifest)) throw new CliUsageException($"--manifest: the file '{manifest}' does not exist.");

        var clock = Stopwatch.StartNew();
        using var bench = profile is not null
            ? FusionWorkbench.Open(profile, config.TextEncoder, output, config.Threads ?? 1)
            : FusionWorkbench.OpenManifest(manifest!, config.TextEncoder, testFraction, output, config.Threads ?? 1,
                                           badRows: skipBad ? BadRowPolicy.Skip : BadRowPolicy.Fail);
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
        output.WriteLine(string.Format(c, "{0,-12} {1,9} {2,9} {3,9} {4,11}", "model", "accuracy", "macro-F1", "train s", "parameters"));
        foreach (var r in baseline == run ? new[] { run } : [baseline, run])
            output.WriteLine(string.Format(c, "{0,-12} {1,9:F4} {2,9:F4} {3,9:F2} {4,11:N0}", r.Config.Method, r.Accuracy, r.MacroF1, r.TrainSeconds, r.Parameters));
        if (baseline != run)
            output.WriteLine(string.Format(c, "vs image-only: accuracy {0:+0.0000;-0.0000}, macro-F1 {1:+0.0000;-0.0000}", run.Accuracy - baseline.Accuracy, run.MacroF1 - baseline.MacroF1));
        if (run.Ablation is { } a)
            output.WriteLine(string.Format(c, "ablation (test accuracy): both {0:F4}, image zeroed {1:F4}, text zeroed {2:F4}", a.Both, a.ImageZeroed, a.TextZeroed));
        if (run.ModalityWeights is { } w)
            output.WriteLine(string.Format(c, "mean modality weights on test: image {0:F3}, text {1:F3} (per class in charts.html)", w.Average(x => x[0]), w.Average(x => x[1])));
    }

    private static IReadOnlyList<int> ParseHidden(string text)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                throw new CliUsageException($"--hidden takes positive widths separated by commas (e.g. 256 or 512,128) or 'none'; got '{text}'.");
        return sizes;
    }

    private static (double Image, double Text)? ParseWeights(string? text, string method)
    {
        if (text is null) return null;
        if (method != FusionKit.Fusion.FusionMethods.Weighted)
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
