using System.Globalization;
using FusionKit.Experiments;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit zero-shot`: DeViSE and the compatibility model on unseen classes (<see cref="ZeroShotExperiment"/>).</summary>
public sealed class ZeroShotCommand : ICliCommand
{
    public string Name => "zero-shot";
    public string Summary => "Zero-shot classification (DeViSE, compatibility model): ZSL accuracy, GZSL S/U/H, calibrated S/U/H and AUSUC; tables as CSV/JSON.";
    public string Usage => """
        fusionkit zero-shot [--profile smoke|default] [--threads N]

        Trains on the seen classes only, for the fixed split (Sandal, Shirt, Bag unseen) and a random split per
        seed, with DeViSE and the compatibility model, label embeddings from word vectors and MiniLM, of the bare
        class names and of short descriptions; reports unseen-among-unseen accuracy (ZSL) and generalized S, U, H,
        mean ± std over the profile's seeds. Against the seen-class bias (Chao et al., ECCV 2016) it also reports
        AUSUC (area under the seen-unseen accuracy curve over every calibration gamma; nothing tuned) and calibrated
        stacking (S cal, U cal, H cal): gamma is chosen on validation only - some seen classes are held out as
        validation-unseen, a second model trains on the rest, the validation images pick the gamma of best H - and
        then subtracted from the seen-class test scores. Accuracies are per-class means. Takes about twice as long
        as the uncalibrated run (the second model). Writes zero-shot.csv and zero-shot.json under results/<run-id>/.
          --profile   smoke: 100 train + 50 test images per class, 1 seed; default: all, seeds 0,1,2 (FUSIONKIT_PROFILE)
          --threads   torch and encoder threads (default 1)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var profile = ExperimentCli.Profile(args);
        var threads = args.Int("threads", 1, min: 1, max: 256);
        args.EnsureAllUsed();

        var (data, embed) = ExperimentCli.Load(profile, threads, output);
        var result = ZeroShotExperiment.Run(data, embed, new ZeroShotExperimentOptions { Threads = threads }, log: output);
        output.WriteLine();
        output.WriteLine(ExperimentCli.Format(result.ToDataFrame(), ["split", "method", "label encoder", "label text", .. ZeroShotResult.MetricNames]));
        var folder = ExperimentCli.RunFolder("zero-shot", profile);
        foreach (var path in result.Save(folder)) output.WriteLine($"wrote {path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zero-shot: done in {result.Seconds:F1} s"));
        return 0;
    }
}
