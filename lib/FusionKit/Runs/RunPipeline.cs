using System.Globalization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Generation;
using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Text;
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
    private static readonly JsonSerializerOptions CompactJson = new(CaseStudyStore.Json) { WriteIndented = false };
    private EmbeddedData? data;
    private TextEmbedder? embedTexts;

    /// <summary>The data profile.</summary>
    public RunProfile Profile { get; } = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; } = Path.GetFullPath(runDirectory ?? throw new ArgumentNullException(nameof(runDirectory)));

    /// <summary>Model seeds of every section (default: the profile's).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = profile.Seeds;

    /// <summary>Torch and encoder threads of the sections' training (the embeddings are computed, when not cached, on every core).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Arithmetic of the image network for every section's embeddings (default: auto, <see cref="ImagePrecisionChoice"/>).</summary>
    public ImagePrecision ImagePrecision { get; init; } = ImagePrecision.Auto;

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

    /// <summary>Runs (or loads, when complete) each of <paramref name="sections"/> in order, logging a header per section.</summary>
    public IReadOnlyList<SectionResult> Run(IReadOnlyList<RunSection> sections, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var results = new List<SectionResult>();
        for (var i = 0; i < sections.Count; i++)
        {
            Log?.WriteLine($"== [{i + 1}/{sections.Count}] {RunSections.Name(sections[i])}");
            results.Add(Section(sections[i], cancel));
        }
        return results;
    }

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
    /// <see cref="CaseStudyResult.SummaryTable"/>.
    /// </summary>
    public SectionResult CaseStudyExperiment(CancellationToken cancel = default) =>
        GetOrRun(RunSection.CaseStudy, folder =>
        {
            var study = new CaseStudyExperiment(CaseStudyConfig with { Threads = Threads }) { Log = Log, LogEpochs = LogEpochs };
            var result = study.Run(LoadData(cancel), Seeds, folder, cancel);
            CaseStudyFiles.Write(result, folder);
            Log?.WriteLine(string.Format(CultureInfo.InvariantCulture, "case-study training time: {0:F1} s over {1} models",
                result.TotalTrainSeconds, result.Runs.Count(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)));
            return result.SummaryTable();
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
            var grid = FusionGrid.Select(c => c with { TextEncoder = FusionTextEncoder, Threads = Threads }).ToArray();
            var sweep = bench.Sweep(grid, Seeds, Log, cancel);
            sweep.Save(folder);
            if (sweep.Rows.SelectMany(r => r.Runs).FirstOrDefault(r => r.AttentionMaps is not null) is { } attending)
            {
                var picture = bench.AttentionGrid(attending);
                FusionKit.Data.AtomicFile.WriteAllText(Path.Combine(folder, RunReport.FusionAttentionFile), picture.ToHtml());
                picture.SavePng(Path.Combine(folder, Path.ChangeExtension(RunReport.FusionAttentionFile, ".png")));
            }
            return sweep.ToDataFrame();
        });

    /// <summary>The retrieval experiment (<see cref="RetrievalExperiment.Run"/>); writes retrieval.csv, retrieval-intervals.csv and retrieval.json.</summary>
    public SectionResult Retrieval(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Retrieval, folder =>
        {
            var result = RetrievalExperiment.Run(LoadData(cancel), TextEmbedder(), RetrievalOptions with { Threads = Threads }, Seeds, Log, cancel);
            result.Save(folder);
            return result.ToDataFrame();
        });

    /// <summary>The zero-shot experiment (<see cref="ZeroShotExperiment.Run"/>); writes zero-shot.csv and zero-shot.json.</summary>
    public SectionResult ZeroShot(CancellationToken cancel = default) =>
        GetOrRun(RunSection.ZeroShot, folder =>
        {
            var result = ZeroShotExperiment.Run(LoadData(cancel), TextEmbedder(), ZeroShotOptions with { Threads = Threads }, Seeds, Log, cancel);
            result.Save(folder);
            return result.ToDataFrame();
        });

    /// <summary>
    /// The interaction experiment (<see cref="InteractionExperiment.Run"/>) on generated questions (its own data: questions
    /// and spatial tokens, <see cref="InteractionData.Load"/>); writes its tables (summary.json, gaps.json, phrasing.json,
    /// timing.json, summary.txt, charts.html) and, when cross-attention ran, where it looked
    /// (<see cref="RunReport.InteractionAttentionFile"/> and a PNG). The section's table is <see cref="InteractionResult.Summary"/>.
    /// </summary>
    public SectionResult Interaction(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Interaction, folder =>
        {
            var config = InteractionConfig with { Threads = Threads, ImagePrecision = ImagePrecision };
            var questions = InteractionData.Load(Profile, config, Log, cancel);
            var result = InteractionExperiment.Run(questions, config, Seeds, Log, cancel);
            result.Save(folder);
            if (InteractionPictures.Experiment(result, questions) is { } picture)
            {
                FusionKit.Data.AtomicFile.WriteAllText(Path.Combine(folder, RunReport.InteractionAttentionFile), picture.ToHtml());
                picture.SavePng(Path.Combine(folder, Path.ChangeExtension(RunReport.InteractionAttentionFile, ".png")));
            }
            return result.Summary();
        });

    /// <summary>The generation section (<see cref="GenerationSection.Run"/>): grids, CSV tables and charts in its folder; its table is the experiment's summary.</summary>
    public SectionResult Generation(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Generation, folder => GenerationSection.Run(Profile, folder, GenerationOptions ?? GenerationSection.Options(Profile), Seeds, Threads, Log, cancel));

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
        data = FashionMnistEmbeddings.Load(Profile, new EmbeddingOptions { SpatialTrainPerClass = SpatialTrainPerClass, Precision = ImagePrecision }, Log, cancel);
        Log?.WriteLine(string.Format(CultureInfo.InvariantCulture, "data ready in {0:F1} s", clock.Elapsed.TotalSeconds));
        return data;
    }

    private SectionResult GetOrRun(RunSection section, Func<string, Microsoft.Data.Analysis.DataFrame> run)
    {
        RunConfigFile.Ensure(RunDirectory, Profile, Seeds);
        return SectionStore.GetOrRun(RunDirectory, section, Profile.Name, Seeds, SettingsOf(section), run, Log);
    }

    private static string Settings<T>(T options) => JsonSerializer.Serialize(options, CompactJson);

    private TextEmbedder TextEmbedder() => embedTexts ??= TextEmbedding.Cached(log: Log, threads: Threads);
}
