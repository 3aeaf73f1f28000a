using System.Diagnostics;
using System.Globalization;
using FusionKit.Experiments;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit case-study`, the main job: the paper's case study, its leakage audit and the honest model, then the
/// fusion comparison, retrieval and zero-shot sections, all into one run folder with one report.
/// </summary>
public sealed class CaseStudyCommand : ICliCommand
{
    public string Name => "case-study";
    public string Summary => "The main job: the case study and its leakage audit, the fusion comparison, retrieval and zero-shot; one run folder, one report.";
    public string Usage => """
        fusionkit case-study [--profile smoke|default] [--sections case-study,fusion,retrieval,zero-shot] [--seeds 0,1,2] [--epochs N]
                             [--out DIR] [--resume RUN-DIR] [--threads N] [--no-png]

        Runs each chosen section into results/<run-id>/ and writes one report.html with a part per section:
          case-study  Embeds the data (through the cache; FUSIONKIT_CACHE overrides its folder), then per seed trains the
                      image-only baseline, the paper's model ([image ; text of the TRUE label] -> MLP head, tested with the
                      true label's text: leaked), audits it with a wrong, a random and no label text, and trains the honest
                      compatibility model. Paper protocol: hidden [512], ReLU, Adam 1e-3, 10 epochs, batch 32. Files at the
                      top of the run folder (config.json, metrics.json/csv, summary.csv, chart pages).
          fusion      Every fusion method and baseline at high and low reliability of simulated side text (MiniLM); fusion/.
          retrieval   What `fusionkit retrieval` runs: retrieval by predicted class and a text<->image joint space; retrieval/.
          zero-shot   What `fusionkit zero-shot` runs: DeViSE and the compatibility model on unseen classes; zero-shot/.
        A section is complete when its results are saved; with --resume it is loaded, not rerun (the case study resumes
        model by model). Ctrl+C stops after the current batch; finished work is kept and --resume RUN-DIR continues.
          --profile   smoke (100 train + 50 test images per class, seed 0) or default (all 70,000, seeds 0,1,2);
                      default: FUSIONKIT_PROFILE, else default (with --resume: the run's own profile)
          --sections  comma-separated sections to run (default: all four); the report holds every complete one
          --seeds     comma-separated seeds of every section (default: the profile's)
          --epochs    epochs per case-study model (default 10, the paper's)
          --out       folder the run folder is created in (default: results/, FUSIONKIT_RESULTS)
          --resume    an existing run folder to continue (finished work is loaded, not rerun)
          --threads   torch and encoder threads (default 1)
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
        IReadOnlyList<RunSection> sections;
        try
        {
            sections = RunSections.Parse(args.String("sections") ?? string.Join(",", RunSections.Names));
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException("--sections: " + e.Message);
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
        if (config.Epochs != 10 && sections.Contains(RunSection.CaseStudy)) output.WriteLine($"note: {config.Epochs} epochs instead of the paper's 10.");

        using var cancel = EmbedCommand.CancelOnCtrlC();
        var clock = Stopwatch.StartNew();
        var runDirectory = resume is not null ? Path.GetFullPath(resume) : CaseStudyReport.NewRunDirectory(profile.Name, outRoot);
        output.WriteLine($"run folder: {runDirectory}");
        output.WriteLine($"sections: {string.Join(", ", sections.Select(RunSections.Name))}");
        var seconds = new List<(string Section, double Seconds)>();

        CaseStudyResult? caseStudy = null;
        EmbeddedData? data = null; // the case study's data, reused by retrieval and zero-shot
        MainJob? job = null;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            output.WriteLine($"== [{i + 1}/{sections.Count}] {RunSections.Name(section)}");
            var sectionClock = Stopwatch.StartNew();
            if (section == RunSection.CaseStudy)
            {
                data = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions(), output, cancel.Token);
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "data ready in {0:F1} s", sectionClock.Elapsed.TotalSeconds));
                caseStudy = new CaseStudy(config) { Log = output }.Run(data, seeds, runDirectory, cancel.Token);
            }
            else
            {
                job ??= new MainJob(profile, runDirectory) { Seeds = seeds, Threads = config.Threads, Log = output, Data = data };
                job.Section(section, cancel.Token);
            }
            seconds.Add((RunSections.Name(section), sectionClock.Elapsed.TotalSeconds));
        }
        // A case study finished in this folder earlier is reported even when this call did not run that section.
        if (caseStudy is null && CaseStudy.HasSavedRuns(runDirectory)) caseStudy = CaseStudy.Load(runDirectory);

        var reportClock = Stopwatch.StartNew();
        var files = RunReport.Write(runDirectory, caseStudy, sections: null, renderPng: !noPng);
        seconds.Add(("report", reportClock.Elapsed.TotalSeconds));
        output.WriteLine();
        if (caseStudy is not null)
        {
            output.WriteLine("== case study (test set, mean ± std over seeds)");
            output.Write(CaseStudyText.SummaryTable(caseStudy));
            output.WriteLine("LEAKED rows read the test label at test time: they measure the leak, not a classifier. Results: image-only and compatibility.");
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "case-study training time: {0:F1} s over {1} models",
                caseStudy.TotalTrainSeconds, caseStudy.Runs.Count(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)));
            output.WriteLine();
        }
        foreach (var section in SectionStore.LoadAll(runDirectory))
        {
            output.WriteLine($"== {RunSections.Name(section.Section)} (test set, mean ± std over {section.Seeds.Count} seed(s))");
            output.WriteLine(SectionTables.Text(section.Headline()));
        }
        if (files.PngSkipped is not null) output.WriteLine($"charts: HTML only ({files.PngSkipped})");
        output.WriteLine("time per section: " + string.Join(", ", seconds.Select(s => string.Format(CultureInfo.InvariantCulture, "{0} {1:F1} s", s.Section, s.Seconds)))
            + string.Format(CultureInfo.InvariantCulture, "; total {0:F1} s", clock.Elapsed.TotalSeconds));
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
