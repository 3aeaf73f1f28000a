using System.Globalization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Embeddings;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Generation;
using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Results;
using FusionKit.Vision;

namespace FusionKit.Runs;

/// <summary>
/// The main job (<c>fusionkit case-study</c>) as one pipeline of alike sections: the case study, the fusion comparison,
/// retrieval, zero-shot and interaction. Each section runs into its own subfolder of one run folder
/// (<c>results/&lt;run-id&gt;/&lt;section&gt;/</c>: its tables, per-model files and, written last, <c>section.json</c>), or is
/// loaded from there when it is already complete (<see cref="SectionStore.GetOrRun"/>); the run's profile and seeds
/// are in <c>config.json</c> at the root (<see cref="RunConfigFile"/>). The Fashion-MNIST embeddings are loaded once per
/// pipeline and shared by every section that reads them. <see cref="WriteReport"/> writes the one report.html. The
/// command, notebook 04 and notebook 05 all call <see cref="Section"/>, so a notebook computes a section exactly as
/// the command does.
/// </summary>
/// <param name="profile">Data profile (smoke or default).</param>
/// <param name="runDirectory">The run folder (created if missing; one of an earlier release's layout is refused).</param>
public sealed class RunPipeline(RunProfile profile, string runDirectory)
{
    private EmbeddedData? data;
    private TextEmbedder? embedTexts;

    /// <summary>The data profile.</summary>
    public RunProfile Profile { get; } = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; } = Path.GetFullPath(runDirectory ?? throw new ArgumentNullException(nameof(runDirectory)));

    /// <summary>Model seeds of every section (default: the profile's).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = profile.Seeds;

    /// <summary>Torch and encoder threads of each job's training (the embeddings are computed, when not cached, on every core);
    /// see <see cref="Parallelism"/>.</summary>
    public int Threads { get; init; } = Parallelism.DefaultThreads;

    /// <summary>
    /// Sections <see cref="Run"/> computes at once, each in a worker process started by <see cref="Worker"/> (see
    /// <see cref="Parallelism"/>); default 1: one after another in this process. Without a <see cref="Worker"/> the
    /// sections run one after another whatever this says.
    /// </summary>
    public int Jobs { get; init; } = 1;

    /// <summary>
    /// Starts a worker process that computes the given sections into <see cref="RunDirectory"/> with this pipeline's
    /// settings and one job (the CLI runs itself: <c>fusionkit case-study --resume RUN-DIR --sections S --worker</c>);
    /// null = no workers. The worker reports its CPU time on a <see cref="WorkerProcesses.CpuMarker"/> line.
    /// </summary>
    public Func<RunSection, System.Diagnostics.ProcessStartInfo>? Worker { get; init; }

    /// <summary>
    /// Starts a worker process that trains runs of a section's training queue (<see cref="FusionKit.Training.TrainingQueue"/>)
    /// given the section, the queue's folder and the job's name (the CLI: <c>fusionkit interaction --worker FOLDER --job NAME</c>
    /// or <c>fusionkit gan evaluate --worker ...</c>, <see cref="CliWorker.StartTrainings"/> with <see cref="CliWorker.TrainingCommand"/>);
    /// null = a section trains its models one after another. Used by the interaction and generation sections when they are
    /// computed in this process (not inside a section worker, which has one job).
    /// </summary>
    public Func<RunSection, string, string, System.Diagnostics.ProcessStartInfo>? TrainingWorker { get; init; }

    /// <summary>The subfolder of a section's folder that holds its finished trainings (one file per model and seed).</summary>
    public const string TrainingRunsFolder = "runs";

    /// <summary>Write <see cref="RunTiming.FileName"/> at the end of <see cref="Run"/> (default true; a worker process leaves it to the run that started it).</summary>
    public bool WriteTiming { get; init; } = true;

    /// <summary>The timing of the last <see cref="Run"/>, or null before one.</summary>
    public RunTiming? Timing { get; private set; }

    /// <summary>Arithmetic of the image network for every section's embeddings (default: auto, <see cref="ImagePrecisionChoice"/>).</summary>
    public ImagePrecision ImagePrecision { get; init; } = ImagePrecision.Auto;

    /// <summary>Where every section's models and batches live, and the TorchSharp image encoder when embeddings are computed
    /// (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>). Like <see cref="Threads"/>, not part
    /// of the settings a saved section must match.</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>Progress lines; null = silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Write the case study's per-epoch lines to <see cref="Log"/> (default true).</summary>
    public bool LogEpochs { get; init; } = true;

    /// <summary>The case study's settings (default: the paper's protocol, <see cref="FusionKit.Experiments.CaseStudy.CaseStudyConfig"/>); its threads are <see cref="Threads"/>.</summary>
    public CaseStudyConfig CaseStudyConfig { get; init; } = new();

    /// <summary>The fusion grid: <see cref="FusionSweep.ComparisonGrid"/> (every method and both baselines, plus image-only on
    /// cross-attention's training subset) at high and low side-text reliability.</summary>
    public IReadOnlyList<FusionExperimentConfig> FusionGrid { get; init; } =
        FusionSweep.ComparisonGrid([SideTextReliability.High, SideTextReliability.Low]);

    /// <summary>Side-text encoder of the fusion comparison.</summary>
    public string FusionTextEncoder { get; init; } = "minilm";

    /// <summary>Retrieval settings (default: the <c>fusionkit retrieval</c> command's).</summary>
    public RetrievalExperimentOptions RetrievalOptions { get; init; } = new();

    /// <summary>Zero-shot settings (default: the <c>fusionkit zero-shot</c> command's).</summary>
    public ZeroShotExperimentOptions ZeroShotOptions { get; init; } = new();

    /// <summary>Interaction settings (default: the <c>fusionkit interaction</c> command's).</summary>
    public InteractionConfig InteractionConfig { get; init; } = InteractionConfig.Default;

    /// <summary>Generation settings; null = the section's preset for the profile (<see cref="GenerationSection.Options"/>).</summary>
    public GenerationExperimentOptions? GenerationOptions { get; init; }

    /// <summary>Embedded data of the case study, fusion, retrieval and zero-shot; null = the profile's, loaded once through the
    /// embedding cache when a section first needs it (<see cref="LoadData"/>).</summary>
    public EmbeddedData? Data { get => data; init => data = value; }

    /// <summary>Text embedder for retrieval and zero-shot; null = <see cref="TextEmbedding.Cached"/>.</summary>
    public TextEmbedder? EmbedTexts { get => embedTexts; init => embedTexts = value; }

    /// <summary>Training images per class of the fusion grid's spatial (cross-attention) runs, null when it has none: the
    /// images whose embeddings come from one spatial pass (<see cref="EmbeddingOptions.SpatialTrainPerClass"/>).</summary>
    public int? SpatialTrainPerClass =>
        FusionGrid.Where(c => FusionExperiment.IsSpatial(c.Method)).Select(c => c.EffectiveTrainPerClass).FirstOrDefault();

    /// <summary>The section's subfolder of the run folder.</summary>
    public string FolderOf(RunSection section) => SectionStore.FolderOf(RunDirectory, section);

    /// <summary>
    /// Runs (or loads, when complete) each of <paramref name="sections"/>, logging a header per section, and writes the run's
    /// timing table (<see cref="RunTiming"/>). With <see cref="Jobs"/> &gt; 1 and a <see cref="Worker"/>, the sections still
    /// missing are first computed side by side in worker processes (longest first, by <see cref="SectionTimes"/>, but the
    /// interaction last: a job that finds no section left then helps train its models, <see cref="TrainingWorker"/>), their
    /// lines prefixed with the section's name, after the data is embedded here once; each is then loaded in order, so
    /// the results are those of a one-job run. Cancelling stops every worker after its current batch; finished models
    /// and sections are kept for a resume.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled, here or in a worker (Ctrl+C).</exception>
    /// <exception cref="InvalidOperationException">A worker failed: its exit code is named and its lines are above.</exception>
    public IReadOnlyList<SectionResult> Run(IReadOnlyList<RunSection> sections, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var timing = Timing = new RunTiming(Worker is null ? 1 : Jobs, Threads);
        var inJobs = RunJobs(sections, timing, cancel);
        var results = new List<SectionResult>();
        for (var i = 0; i < sections.Count; i++)
        {
            Log?.WriteLine($"== [{i + 1}/{sections.Count}] {RunSections.Name(sections[i])}");
            var wasComplete = SectionStore.TryLoad(RunDirectory, sections[i]) is not null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpu = RunTiming.CpuTime();
            results.Add(Section(sections[i], cancel));
            if (!inJobs.Contains(sections[i]))
                timing.Section(sections[i], wasComplete ? "loaded" : "computed", clock.Elapsed.TotalSeconds, (RunTiming.CpuTime() - cpu).TotalSeconds);
        }
        if (sections.Contains(RunSection.CaseStudy)) timing.Models(LoadCaseStudy());
        if (sections.Contains(RunSection.Interaction)) timing.Models(RunSection.Interaction, SavedInteractionModels());
        if (WriteTiming) timing.Write(RunDirectory);
        return results;
    }

    /// <summary>Name, seed and training seconds of each trained interaction model in the run folder (none for a section
    /// saved without its runs folder).</summary>
    private IEnumerable<(string Model, int Seed, double TrainSeconds)> SavedInteractionModels()
    {
        var runs = Path.Combine(FolderOf(RunSection.Interaction), TrainingRunsFolder);
        if (!File.Exists(Path.Combine(runs, InteractionExperiment.WorkFile))) return [];
        return InteractionExperiment.SavedRuns(runs).Where(r => r.Model != InteractionExperiment.Prior).Select(r => (r.Label, r.Seed, r.TrainSeconds));
    }

    /// <summary>Computes the missing sections in worker processes when <see cref="Jobs"/> allows; returns those it computed.</summary>
    private HashSet<RunSection> RunJobs(IReadOnlyList<RunSection> sections, RunTiming timing, CancellationToken cancel)
    {
        var missing = sections.Where(s => SectionStore.TryLoad(RunDirectory, s) is null).ToList();
        if (Worker is null || Jobs < 2 || missing.Count < 2) return [];
        RunConfigFile.Ensure(RunDirectory, Profile, Seeds);
        if (missing.Any(s => s is not (RunSection.Interaction or RunSection.Generation))) LoadData(cancel); // embedded once, here, on every core
        // The interaction's trainings are a queue that other processes can join: it starts last, and each job that then finds
        // no section left joins it as a helper, so every core trains until the end. The other sections go longest first.
        var helped = TrainingWorker is not null && missing.Contains(RunSection.Interaction) ? RunSection.Interaction : (RunSection?)null;
        var order = missing.Where(s => s != helped).OrderByDescending(s => SectionTimes.Of(s, Profile.Name) ?? TimeSpan.MaxValue).ToList();
        if (helped is { } last) order.Add(last);
        var jobs = Math.Min(Jobs, order.Count);
        var work = order.Select(s => new WorkerJob(RunSections.Name(s), Worker(s))).ToList();
        if (helped is not null && TrainingWorker is { } trainings)
        {
            var queue = Path.Combine(FolderOf(RunSection.Interaction), TrainingRunsFolder);
            work.AddRange(Enumerable.Range(1, jobs - 1).Select(h => $"helper {h}").Select(name => new WorkerJob(name, trainings(RunSection.Interaction, queue, name))));
        }
        var helpers = work.Count - order.Count;
        var helperNote = helpers > 0 ? $"; {helpers} helper(s) join the interaction's trainings when a job is free" : "";
        Log?.WriteLine($"computing {string.Join(", ", order.Select(RunSections.Name))} in {jobs} jobs of {Threads} torch thread(s) each{helperNote}");
        var outcomes = WorkerProcesses.Run(work, jobs, Log, cancel);
        cancel.ThrowIfCancellationRequested();
        // The job that failed, not one the pool interrupted because of it.
        if (outcomes.Where(o => o.ExitCode is not (null or 0)).OrderBy(o => o.ExitCode == InterruptedExitCode ? 1 : 0).FirstOrDefault() is { } failed)
        {
            if (failed.ExitCode == InterruptedExitCode) throw new OperationCanceledException($"The {failed.Name} job was interrupted.");
            throw new InvalidOperationException(
                $"The {failed.Name} job failed (exit code {failed.ExitCode}; its lines above start with [{failed.Name}]). Finished sections and models are kept: " +
                $"resume the run ({RunDirectory}) after fixing the cause, or with one job to see the failure alone.");
        }
        // A helper's CPU time counts to the section it helped; its wall time is within the section's.
        var helperCpu = outcomes.Skip(order.Count).Sum(o => o.CpuSeconds ?? 0);
        for (var i = 0; i < order.Count; i++)
            timing.Section(order[i], "job", outcomes[i].WallSeconds, outcomes[i].CpuSeconds + (order[i] == helped ? helperCpu : 0));
        return order.ToHashSet();
    }

    /// <summary>A worker's exit code after Ctrl+C (the CLI's).</summary>
    private const int InterruptedExitCode = 130;

    /// <summary>The section, loaded when complete in the run folder, else run and saved there.</summary>
    /// <exception cref="InvalidDataException">The folder holds the section with other profile, seeds or settings, or is of an earlier layout.</exception>
    public SectionResult Section(RunSection section, CancellationToken cancel = default) => section switch
    {
        RunSection.CaseStudy => CaseStudyExperiment(cancel),
        RunSection.Fusion => Fusion(cancel),
        RunSection.Retrieval => Retrieval(cancel),
        RunSection.ZeroShot => ZeroShot(cancel),
        RunSection.Interaction => Interaction(cancel),
        RunSection.Generation => Generation(cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a run section."),
    };

    /// <summary>
    /// The paper's case study and its leakage audit (<see cref="FusionKit.Experiments.CaseStudy.CaseStudyExperiment.Run"/>): per-model files under
    /// <c>case-study/runs/</c> as each model finishes (so an interrupted section resumes model by model), study.json,
    /// metrics.json, metrics.csv and summary.csv (<see cref="CaseStudyFiles"/>). The section's table is
    /// <see cref="CaseStudyResult.Table"/>.
    /// </summary>
    public SectionResult CaseStudyExperiment(CancellationToken cancel = default) =>
        GetOrRun(RunSection.CaseStudy, folder =>
        {
            var study = new CaseStudyExperiment(CaseStudyConfig with { Threads = Threads, Device = Device }) { Log = Log, LogEpochs = LogEpochs };
            var result = study.Run(LoadData(cancel), Seeds, folder, cancel);
            CaseStudyFiles.Write(result, folder);
            Log?.WriteLine(string.Format(CultureInfo.InvariantCulture, "case-study training time: {0:F1} s over {1} models",
                result.TotalTrainSeconds, result.Runs.Count(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)));
            return result.Table();
        });

    /// <summary>The case study read back from its folder (every finished model, no data or training).</summary>
    /// <exception cref="InvalidDataException">The run has no case study yet (the folder is named).</exception>
    public CaseStudyResult LoadCaseStudy() => FusionKit.Experiments.CaseStudy.CaseStudyExperiment.Load(FolderOf(RunSection.CaseStudy));

    /// <summary>The fusion comparison: <see cref="FusionWorkbench.Sweep"/> over <see cref="FusionGrid"/> on the pipeline's data;
    /// writes sweep.csv, sweep.json and, when the grid has cross-attention, the attention picture grid of its first run
    /// (<see cref="RunReport.FusionAttentionFile"/> and a PNG).</summary>
    public SectionResult Fusion(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Fusion, folder =>
        {
            using var bench = FusionWorkbench.Open(LoadData(cancel), FusionTextEncoder, Log, Threads);
            var grid = FusionGrid.Select(c => c with { TextEncoder = FusionTextEncoder, Threads = Threads, Device = Device }).ToArray();
            var sweep = bench.Sweep(grid, Seeds, Log, cancel);
            sweep.Save(folder);
            if (sweep.Rows.SelectMany(r => r.Runs).FirstOrDefault(r => r.AttentionMaps is not null) is { } attending)
            {
                var picture = bench.AttentionGrid(attending);
                FusionKit.Data.AtomicFile.WriteAllText(Path.Combine(folder, RunReport.FusionAttentionFile), picture.ToHtml());
                picture.SavePng(Path.Combine(folder, Path.ChangeExtension(RunReport.FusionAttentionFile, ".png")));
            }
            return sweep.Table();
        });

    /// <summary>The retrieval experiment (<see cref="RetrievalExperiment.Run"/>); writes retrieval.csv, retrieval-intervals.csv and retrieval.json.</summary>
    public SectionResult Retrieval(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Retrieval, folder =>
        {
            var result = RetrievalExperiment.Run(LoadData(cancel), TextEmbedder(), RetrievalOptions with { Threads = Threads, Device = Device }, Seeds, Log, cancel);
            result.Save(folder);
            return result.Table();
        });

    /// <summary>The zero-shot experiment (<see cref="ZeroShotExperiment.Run"/>); writes zero-shot.csv and zero-shot.json.</summary>
    public SectionResult ZeroShot(CancellationToken cancel = default) =>
        GetOrRun(RunSection.ZeroShot, folder =>
        {
            var result = ZeroShotExperiment.Run(LoadData(cancel), TextEmbedder(), ZeroShotOptions with { Threads = Threads, Device = Device }, Seeds, Log, cancel);
            result.Save(folder);
            return result.Table();
        });

    /// <summary>
    /// The interaction experiment (<see cref="InteractionExperiment.Run(InteractionData, InteractionConfig, IReadOnlyList{int}, string?, int, Func{string, string, System.Diagnostics.ProcessStartInfo}?, TextWriter?, CancellationToken)"/>)
    /// on generated questions (its own data: questions and spatial tokens, <see cref="InteractionData.Load"/>): one file per
    /// trained model and seed under <c>interaction/runs/</c> (so an interrupted section resumes model by model), with
    /// <see cref="Jobs"/> trainings side by side when the section is computed here and <see cref="TrainingWorker"/> is set; writes its tables (summary.json, gaps.json, phrasing.json,
    /// timing.json, summary.txt, charts.html) and, when cross-attention ran, where it looked
    /// (<see cref="RunReport.InteractionAttentionFile"/> and a PNG). The section's table is <see cref="InteractionResult.Summary"/>.
    /// </summary>
    public SectionResult Interaction(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Interaction, folder =>
        {
            var config = InteractionConfig with { Threads = Threads, ImagePrecision = ImagePrecision, Device = Device };
            var questions = InteractionData.Load(Profile, config, Log, cancel);
            var result = InteractionExperiment.Run(questions, config, Seeds, Path.Combine(folder, TrainingRunsFolder), TrainingWorker is null ? 1 : Jobs,
                                                   TrainingWorker is null ? null : (queue, job) => TrainingWorker(RunSection.Interaction, queue, job), Log, cancel);
            result.Save(folder);
            if (InteractionPictures.Experiment(result, questions) is { } picture)
            {
                FusionKit.Data.AtomicFile.WriteAllText(Path.Combine(folder, RunReport.InteractionAttentionFile), picture.ToHtml());
                picture.SavePng(Path.Combine(folder, Path.ChangeExtension(RunReport.InteractionAttentionFile, ".png")));
            }
            return result.Summary();
        });

    /// <summary>The generation section (<see cref="GenerationSection.Run"/>): grids, CSV tables and charts in its folder, the GANs
    /// trained <see cref="Jobs"/> side by side when the section is computed here and <see cref="TrainingWorker"/> is set; its
    /// table is the experiment's summary.</summary>
    public SectionResult Generation(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Generation, folder => GenerationSection.Run(Profile, folder, GenerationOptions ?? GenerationSection.Options(Profile), Seeds, Threads, Device,
                                                                        TrainingWorker is null ? 1 : Jobs,
                                                                        TrainingWorker is null ? null : (queue, job) => TrainingWorker(RunSection.Generation, queue, job), Log, cancel));

    /// <summary>Every complete section of the run folder, in run order.</summary>
    public IReadOnlyList<SectionResult> Saved() => SectionStore.LoadAll(RunDirectory);

    /// <summary>Writes report.html at the run folder's root, one part per complete section (<see cref="RunReport.Write"/>).</summary>
    public RunReportFiles WriteReport(bool renderPng = true) => RunReport.Write(RunDirectory, sections: null, renderPng);

    /// <summary>The settings a saved section must match to be loaded rather than rerun (threads excluded): one line or compact JSON.</summary>
    public string SettingsOf(RunSection section) => section switch
    {
        RunSection.CaseStudy => CaseStudySettings(),
        RunSection.Fusion => FusionSettings(),
        RunSection.Retrieval => Settings(RetrievalOptions with { Threads = null }),
        RunSection.ZeroShot => Settings(ZeroShotOptions with { Threads = null }),
        RunSection.Interaction => Settings(InteractionConfig with { Threads = null }),
        RunSection.Generation => Settings(GenerationOptions ?? GenerationSection.Options(Profile)),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a run section."),
    };

    /// <summary>The case study's settings as one line (threads excluded): what a resumed case study must match.</summary>
    public string CaseStudySettings() =>
        $"{CaseStudyConfig.Fingerprint()}; text encoders {string.Join(", ", CaseStudyConfig.TextEncoders)}; compatibility {(CaseStudyConfig.IncludeCompatibility ? "yes" : "no")}";

    /// <summary>The fusion settings as one line: encoder, methods, reliabilities and the other parameters of the grid.</summary>
    public string FusionSettings()
    {
        static string Distinct(IEnumerable<string> values) => string.Join(", ", values.Distinct(StringComparer.Ordinal));
        return $"text encoder {FusionTextEncoder}; methods {Distinct(FusionGrid.Select(c => c.Method))}; " +
               $"reliabilities {Distinct(FusionGrid.Select(c => FusionExperimentConfig.DescribeReliability(c.Reliability)))}; " +
               $"{Distinct(FusionGrid.Select(c => c.DescribeParameters()))}; text seeds {Distinct(FusionGrid.Select(c => c.TextSeed.ToString(CultureInfo.InvariantCulture)))}";
    }

    /// <summary>
    /// The profile's embedded data, loaded once for the whole pipeline through the embedding cache: every label-text
    /// encoder, and cross-attention's images embedded in the same pass as their spatial tokens (<see cref="SpatialTrainPerClass"/>).
    /// </summary>
    public EmbeddedData LoadData(CancellationToken cancel = default)
    {
        if (data is not null) return data;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        data = FashionMnistEmbeddings.Load(Profile, new EmbeddingOptions { SpatialTrainPerClass = SpatialTrainPerClass, Precision = ImagePrecision, Device = Device }, Log, cancel);
        Log?.WriteLine(string.Format(CultureInfo.InvariantCulture, "data ready in {0:F1} s", clock.Elapsed.TotalSeconds));
        return data;
    }

    private SectionResult GetOrRun(RunSection section, Func<string, ResultTable> run)
    {
        RunConfigFile.Ensure(RunDirectory, Profile, Seeds);
        return SectionStore.GetOrRun(RunDirectory, section, Profile.Name, Seeds, SettingsOf(section), run, Log);
    }

    private static string Settings<T>(T options) => JsonSerializer.Serialize(options, KitJson.Compact);

    private TextEmbedder TextEmbedder() => embedTexts ??= TextEmbedding.Cached(log: Log, threads: Threads);
}
