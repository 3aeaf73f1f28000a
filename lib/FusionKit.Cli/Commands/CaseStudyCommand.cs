using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Vision;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit case-study`, the main job: the paper's case study, its leakage audit and the honest model, then the
/// fusion comparison, retrieval and zero-shot sections, all into one run folder with one report.
/// </summary>
public sealed class CaseStudyCommand : CliCommand
{
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<string?> _sections = new("--sections")
    {
        Description = $"comma-separated sections to run, any of {string.Join(",", RunSections.Names)} (default: {string.Join(",", RunSections.MainJob.Select(RunSections.Name))}; generation only when named); the report holds every complete one",
        HelpName = "LIST",
    };
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<int> _epochs = new Option<int>("--epochs")
    {
        Description = "epochs per case-study model (10 is the paper's)",
        DefaultValueFactory = _ => 10,
    }.InRange(1, 10_000);
    private readonly Option<string?> _out = CommonOptions.Out();
    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "an existing run folder to continue: finished work is loaded, not rerun (default: none, a new run folder)",
        HelpName = "RUN-DIR",
    };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string> _precision = PrecisionOption.Create();
    private readonly Option<int> _jobs = CommonOptions.Jobs();
    private readonly Option<bool> _worker = new(WorkerOption)
    {
        Description = "internal: compute the named sections into the --resume run folder as one job of a run that started this process, then report CPU time (no report, no summary)",
        Hidden = true,
    };
    private readonly Option<bool> _noPng = new("--no-png") { Description = "skip the PNG copies of the charts (default: off, PNGs written when Chromium is found)" };

    public CaseStudyCommand() : base("case-study", "The main job: the case study and its leakage audit, the fusion comparison, retrieval and zero-shot; one run folder, one report.")
    {
        _sections.CompletionSources.Add(RunSections.Names.ToArray());
        _sections.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } text) return;
            try
            {
                RunSections.Parse(text);
            }
            catch (ArgumentException e)
            {
                result.AddError("--sections: " + e.Message.Replace(" (Parameter 'text')", "", StringComparison.Ordinal));
            }
        });
        Add(_profile);
        Add(_sections);
        Add(_seeds);
        Add(_epochs);
        Add(_out);
        Add(_resume);
        Add(_threads);
        Add(_device);
        Add(_precision);
        Add(_jobs);
        Add(_worker);
        Add(_noPng);
    }

    public override string Details => """
        Runs each chosen section into its own folder results/<run-id>/<section>/ (tables, charts, per-model files and
        section.json), with config.json (profile, seeds, package versions) and one report.html at the run folder's root:
          case-study  Embeds the data (through the cache; FUSIONKIT_CACHE overrides its folder), then per seed trains the
                      image-only baseline, the paper's model ([image ; text of the TRUE label] -> MLP head, tested with the
                      true label's text: leaked), audits it with a wrong, a random and no label text, and trains the honest
                      compatibility model. Paper protocol: hidden [512], ReLU, Adam 1e-3, 10 epochs, batch 32; case-study/.
          fusion      Every fusion method and baseline at high and low reliability of simulated side text (MiniLM); fusion/.
          retrieval   What `fusionkit retrieval` runs: retrieval by predicted class and a text<->image joint space; retrieval/.
          zero-shot   What `fusionkit zero-shot` runs: DeViSE and the compatibility model on unseen classes; zero-shot/.
          interaction What `fusionkit interaction` runs: GENERATED questions about images answered by fusion models; interaction/.
        The embeddings are loaded once for the whole run. With --jobs above 1 the missing sections are computed side by
        side, each in its own process with --threads torch threads (lines prefixed with the section's name); the numbers
        are those of --jobs 1, bit for bit. timing.csv in the run folder (and the report) holds the wall and CPU seconds
        per section and per model, with the cores, jobs, threads and the load average at the start.
        A section is complete when its results are saved; with --resume it is loaded, not rerun (the case study resumes
        model by model). Ctrl+C stops after the current batch; finished work is kept and --resume RUN-DIR continues.
        With --resume and no --profile, the run's own profile is used. A run folder of an earlier release (case study
        at the top of the folder) is refused: rerun it.
        """;

    public override bool Resumable => true;

    /// <summary>The hidden option that makes this command a worker of another run (<see cref="RunPipeline.Worker"/>).</summary>
    public const string WorkerOption = CliWorker.Option;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var resume = parse.GetValue(_resume) is { } resumePath ? ResumedRun(resumePath) : null;
        if (resume is not null && CommonOptions.IsGiven(parse, _out)) throw new CliUsageException("Give either --out (a new run) or --resume (an existing run), not both.");
        var profile = CommonOptions.ResolveProfile(parse, _profile, fallback: resume?.Profile);
        if (resume is not null && profile.Name != resume.Profile)
            throw new CliUsageException($"--resume: {resume.Id} ran on the {resume.Profile} profile, not {profile.Name}; drop --profile to continue it.");
        var sections = parse.GetValue(_sections) is { } named ? RunSections.Parse(named) : RunSections.MainJob;
        var seeds = CommonOptions.ResolveSeeds(parse, _seeds, profile);
        var threads = parse.GetValue(_threads);
        var config = new CaseStudyConfig { Epochs = parse.GetValue(_epochs), Threads = threads };
        var noPng = parse.GetValue(_noPng);
        var outRoot = parse.GetValue(_out);
        if (config.Epochs != 10 && sections.Contains(RunSection.CaseStudy)) output.WriteLine($"note: {config.Epochs} epochs instead of the paper's 10.");
        var cancel = context.Cancel;

        var clock = Stopwatch.StartNew();
        var runDirectory = resume?.Path ?? RunFolder.Create(Name, profile.Name, outRoot).Path;
        output.WriteLine($"run folder: {runDirectory}");
        output.WriteLine($"sections: {string.Join(", ", sections.Select(RunSections.Name))}");
        var (precision, reason) = PrecisionOption.Resolve(parse, _precision);
        output.WriteLine($"image precision: {ImagePrecisionChoice.Name(precision)} ({reason})");
        var worker = parse.GetValue(_worker);
        if (worker && resume is null) throw new CliUsageException($"{WorkerOption} computes into an existing run: give --resume RUN-DIR.");
        var jobs = worker ? 1 : parse.GetValue(_jobs);
        var pipeline = new RunPipeline(profile, runDirectory)
        {
            Seeds = seeds, Threads = threads, Jobs = jobs, ImagePrecision = precision, Device = device, CaseStudyConfig = config, Log = output, WriteTiming = !worker,
            Worker = section => CliWorker.Start(typeof(CaseStudyCommand).Assembly.Location, runDirectory, section, seeds, config.Epochs, threads, precision, device),
            TrainingWorker = (section, queue, job) => CliWorker.StartTrainings(typeof(CaseStudyCommand).Assembly.Location, CliWorker.TrainingCommand(section), queue, job),
        };
        pipeline.Run(sections, cancel);
        if (worker)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProcesses.CpuMarker} {RunTiming.CpuTime().TotalSeconds:F3}"));
            return 0;
        }
        var seconds = pipeline.Timing!.Rows.Where(r => r.Scope == "section").Select(r => (r.Section, Seconds: r.WallSeconds)).ToList();

        var reportClock = Stopwatch.StartNew();
        var files = pipeline.WriteReport(renderPng: !noPng);
        seconds.Add(("report", reportClock.Elapsed.TotalSeconds));
        output.WriteLine();
        foreach (var section in pipeline.Saved())
        {
            output.WriteLine($"== {RunSections.Name(section.Section)} (test set, mean ± std over {section.Seeds.Count} seed(s))");
            output.WriteLine(SectionTables.Text(section.Headline()));
            if (section.Section == RunSection.CaseStudy)
                output.WriteLine("LEAKED rows (leaked = yes) read the test label at test time: they measure the leak, not a classifier. Results: image-only and compatibility.\n");
        }
        if (files.PngSkipped is not null) output.WriteLine($"charts: HTML only ({files.PngSkipped})");
        output.WriteLine("time per section: " + string.Join(", ", seconds.Select(s => string.Format(CultureInfo.InvariantCulture, "{0} {1:F1} s", s.Section, s.Seconds)))
            + string.Format(CultureInfo.InvariantCulture, "; total {0:F1} s", clock.Elapsed.TotalSeconds));
        output.WriteLine($"report: {files.ReportPath}");
        return 0;
    }

    /// <summary>The run folder given to --resume: one of this release's case-study runs.</summary>
    private RunFolder ResumedRun(string path)
    {
        var run = CommonOptions.OpenRun(path, Name);
        try
        {
            RunConfigFile.CheckLayout(run.Path);
        }
        catch (InvalidDataException e)
        {
            throw new CliUsageException("--resume: " + e.Message);
        }
        return run;
    }
}
