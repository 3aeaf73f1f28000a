using System.Diagnostics;
using System.Globalization;
using FusionKit.Experiments;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit case-study`: the paper's case study, its leakage audit and the honest model, with a report.</summary>
public sealed class CaseStudyCommand : ICliCommand
{
    public string Name => "case-study";
    public string Summary => "Run the paper's case study (image + label text), its leakage audit and the honest compatibility model; write a report.";
    public string Usage => """
        fusionkit case-study [--profile smoke|default] [--seeds 0,1,2] [--epochs N] [--out DIR] [--resume RUN-DIR] [--threads N] [--no-png]

        Embeds the data (through the cache; FUSIONKIT_CACHE overrides its folder), then per seed trains the image-only
        baseline, the paper's model ([image ; text of the TRUE label] -> MLP head, tested with the true label's text:
        leaked), audits that model with a wrong label's text, a random label's text and no text, and trains the honest
        compatibility model (scores each image against every label text; no label input). Paper protocol: hidden [512],
        ReLU, Adam 1e-3, 10 epochs, batch 32. Writes results/<run-id>/ (config.json, metrics.json/csv, summary.csv,
        chart pages, report.html) and prints the summary. Ctrl+C stops after the current batch; finished models are kept
        and --resume RUN-DIR continues.
          --profile   smoke (100 train + 50 test images per class, seed 0) or default (all 70,000, seeds 0,1,2);
                      default: FUSIONKIT_PROFILE, else default (with --resume: the run's own profile)
          --seeds     comma-separated seeds (default: the profile's)
          --epochs    epochs per model (default 10, the paper's)
          --out       folder the run folder is created in (default: results/, FUSIONKIT_RESULTS)
          --resume    an existing run folder to continue (finished models are loaded, not retrained)
          --threads   torch threads for training (default 1)
          --no-png    skip the PNG copies of the charts
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var resume = args.String("resume");
        var profileName = args.String("profile")
            ?? (resume is not null ? CaseStudyReport.ProfileNameOf(resume) : null)
            ?? RunProfile.FromEnvironment().Name;
        RunProfile profile;
        try
        {
            profile = RunProfile.Named(profileName);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException("--profile: " + e.Message);
        }
        var seeds = ParseSeeds(args.String("seeds")) ?? profile.Seeds;
        var config = new CaseStudyConfig
        {
            Epochs = args.Int("epochs", 10, min: 1, max: 10_000),
            Threads = args.Int("threads", 1, min: 1, max: 256),
        };
        var outRoot = args.String("out");
        var noPng = args.Flag("no-png");
        args.EnsureAllUsed();
        if (resume is not null && outRoot is not null) throw new CliUsageException("Give either --out (a new run) or --resume (an existing run), not both.");
        if (resume is not null && !Directory.Exists(resume)) throw new CliUsageException($"--resume: the run folder '{resume}' does not exist.");
        if (config.Epochs != 10) output.WriteLine($"note: {config.Epochs} epochs instead of the paper's 10.");

        using var cancel = EmbedCommand.CancelOnCtrlC();
        var clock = Stopwatch.StartNew();
        var data = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions(), output, cancel.Token);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "data ready in {0:F1} s", clock.Elapsed.TotalSeconds));

        var runDirectory = resume is not null ? Path.GetFullPath(resume) : CaseStudyReport.NewRunDirectory(profile.Name, outRoot);
        output.WriteLine($"run folder: {runDirectory}");
        var study = new CaseStudy(config) { Log = output };
        var result = study.Run(data, seeds, runDirectory, cancel.Token);

        var files = CaseStudyReport.Write(result, renderPng: !noPng);
        output.WriteLine();
        output.Write(CaseStudyText.SummaryTable(result));
        output.WriteLine("LEAKED rows read the test label at test time: they measure the leak, not a classifier. Results: image-only and compatibility.");
        if (files.PngSkipped is not null) output.WriteLine($"charts: HTML only ({files.PngSkipped})");
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "training time: {0:F1} s over {1} models; total {2:F1} s",
            result.TotalTrainSeconds, result.Runs.Count(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel), clock.Elapsed.TotalSeconds));
        output.WriteLine($"report: {files.ReportPath}");
        return 0;
    }

    private static IReadOnlyList<int>? ParseSeeds(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new CliUsageException("--seeds needs at least one integer, e.g. --seeds 0,1,2.");
        var seeds = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
                throw new CliUsageException($"--seeds: '{p}' is not an integer (use e.g. --seeds 0,1,2).");
            if (seeds.Contains(s)) throw new CliUsageException($"--seeds: {s} is given twice.");
            seeds.Add(s);
        }
        return seeds;
    }
}
