using FusionKit.Data;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using Microsoft.Data.Analysis;

namespace FusionKit.Runs;

/// <summary>
/// A run folder as a notebook reads it: which sections of the main job it holds, what computing a missing one
/// costs on the profile, and computing only when asked. Reading a missing section is an error that says how long
/// computing it takes and which call does it, so a notebook never trains silently.
/// </summary>
public sealed class NotebookRun
{
    private readonly string? _resultsDirectory;
    private RunPipeline? _pipeline;

    private NotebookRun(RunProfile profile, string? runDirectory, string? resultsDirectory)
    {
        Profile = profile;
        RunDirectory = runDirectory;
        _resultsDirectory = resultsDirectory;
    }

    /// <summary>The profile the run is (or will be) computed with.</summary>
    public RunProfile Profile { get; }

    /// <summary>The run folder; null until something is computed when no run of the profile existed.</summary>
    public string? RunDirectory { get; private set; }

    /// <summary>Where progress of <see cref="Compute"/> goes (default: nowhere).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>Torch threads of each job (<see cref="Parallelism"/>; default 1).</summary>
    public int Threads { get; init; } = Parallelism.DefaultThreads;

    /// <summary>Sections <see cref="ComputeMissing"/> computes at once, each in a worker process of the checkout's built command
    /// line (<see cref="CliWorker.BuiltCli"/>; one after another here when it is not built, or built from other sources). Default: one per core
    /// (<see cref="Parallelism"/>); the numbers are the same either way.</summary>
    public int Jobs { get; init; } = Parallelism.DefaultJobs;

    /// <summary>The run folders' command: notebooks read and extend the main job's runs.</summary>
    public const string Command = "case-study";

    /// <summary>The latest main-job run of <paramref name="profile"/> under <paramref name="resultsDirectory"/> (default
    /// results/; complete or not), or an empty one whose folder is created by the first <see cref="Compute"/>.</summary>
    public static NotebookRun Latest(RunProfile profile, string? resultsDirectory = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new NotebookRun(profile, RunFolder.Latest(Command, profile.Name, resultsDirectory)?.Path, resultsDirectory) { Log = log ?? TextWriter.Null };
    }

    /// <summary>An existing run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (named).</exception>
    /// <exception cref="InvalidDataException">A run folder of an earlier release's layout (the message says to rerun).</exception>
    public static NotebookRun Open(string runDirectory, RunProfile profile, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Directory.Exists(runDirectory)) throw new DirectoryNotFoundException($"The run folder '{runDirectory}' does not exist.");
        RunConfigFile.CheckLayout(runDirectory);
        return new NotebookRun(profile, Path.GetFullPath(runDirectory), null) { Log = log ?? TextWriter.Null };
    }

    /// <summary>True when the run folder holds the section complete.</summary>
    public bool Has(RunSection section) => RunDirectory is not null && SectionStore.TryLoad(RunDirectory, section) is not null;

    /// <summary>One row per section: saved or missing, and how long computing it takes on this profile.</summary>
    public DataFrame Plan()
    {
        var sections = RunSections.All;
        return new DataFrame(
            new StringDataFrameColumn("section", sections.Select(RunSections.Name)),
            new StringDataFrameColumn("state", sections.Select(s => Has(s) ? "saved" : "missing")),
            new StringDataFrameColumn("time to compute", sections.Select(s => SectionTimes.Short(s, Profile.Name))));
    }

    /// <summary>
    /// Computes the missing sections whose measured time on this profile is at most <paramref name="within"/>, saying
    /// before each how long it takes; returns one line per section: computed, already saved, or not computed with the
    /// call that computes it.
    /// </summary>
    public IReadOnlyList<string> ComputeMissing(TimeSpan within, CancellationToken cancel = default)
    {
        var chosen = RunSections.All.Where(s => !Has(s) && SectionTimes.Of(s, Profile.Name) is { } time && time <= within).ToList();
        foreach (var section in chosen) Log.WriteLine($"computing {RunSections.Name(section)}: {SectionTimes.Describe(section, Profile.Name)}");
        if (chosen.Count > 0) Pipeline().Run(chosen, cancel);
        return RunSections.All.Select(section => RunSections.Name(section) + (
            chosen.Contains(section) ? $": computed, which takes {SectionTimes.Describe(section, Profile.Name)}"
            : Has(section) ? ": saved in the run"
            : $": not computed: {HowToCompute(section)}")).ToList();
    }

    /// <summary>Computes one section into the run folder (creating it if needed), after saying how long it takes; the data is
    /// loaded once for every section this object computes (<see cref="RunPipeline"/>).</summary>
    /// <exception cref="InvalidDataException">The run folder is of an earlier release's layout (the message says to rerun).</exception>
    public void Compute(RunSection section, CancellationToken cancel = default)
    {
        Log.WriteLine($"computing {RunSections.Name(section)}: {SectionTimes.Describe(section, Profile.Name)}");
        Pipeline().Section(section, cancel);
    }

    /// <summary>The pipeline of this object's computations (the run folder created on first use), with workers of the built command line when there is one.</summary>
    private RunPipeline Pipeline()
    {
        if (_pipeline is not null) return _pipeline;
        var runDirectory = RunDirectory ??= RunFolder.Create(Command, Profile.Name, _resultsDirectory).Path;
        var seeds = RunConfigFile.TryRead(runDirectory)?.Seeds ?? Profile.Seeds; // a run keeps the seeds it started with
        var cli = CliWorker.BuiltCli();
        var caseStudy = new CaseStudyConfig();
        var precision = FusionKit.Vision.ImagePrecisionChoice.Resolve(FusionKit.Vision.ImagePrecision.Auto).Precision; // the session's (FUSIONKIT_PRECISION, else the processor's)
        return _pipeline = new RunPipeline(Profile, runDirectory)
        {
            ImagePrecision = precision,
            Seeds = seeds,
            Threads = Threads,
            Jobs = Jobs,
            CaseStudyConfig = caseStudy,
            Worker = cli is null ? null : section => CliWorker.Start(cli, runDirectory, section, seeds, caseStudy.Epochs, Threads, precision, FusionKit.Platform.ComputeDevice.Auto),
            TrainingWorker = cli is null ? null : (section, queue, job) => CliWorker.StartTrainings(cli, CliWorker.TrainingCommand(section), queue, job),
            Log = Log,
            LogEpochs = false,
        };
    }

    /// <summary>The case study of the run, read back with every finished model.</summary>
    /// <exception cref="InvalidOperationException">It is not in the run: the message says how long computing it takes and how.</exception>
    public CaseStudyResult LoadCaseStudy() =>
        Has(RunSection.CaseStudy) ? CaseStudyExperiment.Load(SectionStore.FolderOf(RunDirectory!, RunSection.CaseStudy)) : throw Missing(RunSection.CaseStudy);

    /// <summary>A section of the run: its summary table and settings.</summary>
    /// <exception cref="InvalidOperationException">It is not in the run: the message says how long computing it takes and how.</exception>
    public SectionResult Load(RunSection section) =>
        (RunDirectory is null ? null : SectionStore.TryLoad(RunDirectory, section)) ?? throw Missing(section);

    /// <summary>Writes the run's report.html, one part per complete section (<see cref="RunReport.Write"/>); returns its path.</summary>
    /// <exception cref="InvalidOperationException">No section is computed yet.</exception>
    public string WriteReport(bool renderPng = false) =>
        RunDirectory is not null && SectionStore.LoadAll(RunDirectory).Count > 0
            ? RunReport.Write(RunDirectory, renderPng: renderPng).ReportPath
            : throw new InvalidOperationException($"Nothing to report yet: compute a section first. {HowToCompute(RunSection.CaseStudy)}");

    private InvalidOperationException Missing(RunSection section) =>
        new($"The {RunSections.Name(section)} section is not in {RunDirectory ?? $"any run of the {Profile.Name} profile yet"}. {HowToCompute(section)}");

    private string HowToCompute(RunSection section)
    {
        var name = RunSections.Name(section);
        var terminal = RunDirectory is null
            ? $"./fusionkit case-study --profile {Profile.Name} --sections {name}"
            : $"./fusionkit case-study --resume {RunDirectory} --sections {name}";
        return $"Computing it takes {SectionTimes.Describe(section, Profile.Name)}: call run.Compute(RunSection.{section}) here, or run `{terminal}`.";
    }
}
