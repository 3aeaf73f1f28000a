using System.Text.Json;
using FusionKit.Experiments.Generation;
using FusionKit.Experiments.Interaction;
using FusionKit.Interactive;
using FusionKit.Text;

namespace FusionKit.Experiments;

/// <summary>
/// The sections of the main job (<c>fusionkit case-study</c>) after the case study itself: the fusion comparison,
/// retrieval, zero-shot, interaction and generation, each run into its own subfolder of one run folder, or loaded from it when that section
/// is already complete there (<see cref="SectionStore.GetOrRun"/>). The command and notebook 05 both call
/// <see cref="Section"/>, so a notebook computes a missing section exactly as the command would.
/// </summary>
/// <param name="profile">Data profile (smoke or default).</param>
/// <param name="runDirectory">The run folder (created if missing).</param>
public sealed class MainJob(RunProfile profile, string runDirectory)
{
    private EmbeddedData? data;
    private TextEmbedder? embedTexts;

    /// <summary>The data profile.</summary>
    public RunProfile Profile { get; } = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; } = Path.GetFullPath(runDirectory ?? throw new ArgumentNullException(nameof(runDirectory)));

    /// <summary>Model seeds of every section (default: the profile's).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = profile.Seeds;

    /// <summary>Torch and encoder threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Progress lines; null = silent.</summary>
    public TextWriter? Log { get; init; }

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

    /// <summary>Embedded data for retrieval and zero-shot; null = the profile's, loaded through the embedding cache when first needed.</summary>
    public EmbeddedData? Data { get => data; init => data = value; }

    /// <summary>Text embedder for retrieval and zero-shot; null = <see cref="RetrievalTextEmbedding.Cached"/>.</summary>
    public TextEmbedder? EmbedTexts { get => embedTexts; init => embedTexts = value; }

    /// <summary>The section, loaded when complete in the run folder, else run and saved there.</summary>
    /// <exception cref="ArgumentException">The case study (run by <see cref="CaseStudy"/>).</exception>
    /// <exception cref="InvalidDataException">The folder holds the section with other profile, seeds or settings.</exception>
    public SectionResult Section(RunSection section, CancellationToken cancel = default)
    {
        return section switch
        {
            RunSection.Fusion => Fusion(cancel),
            RunSection.Retrieval => Retrieval(cancel),
            RunSection.ZeroShot => ZeroShot(cancel),
            RunSection.Interaction => Interaction(cancel),
            RunSection.Generation => Generation(cancel),
            _ => throw new ArgumentException($"Section '{RunSections.Name(section)}' is run by CaseStudy, not MainJob.", nameof(section)),
        };
    }

    /// <summary>The HTML fragment (inline images and captions) of where cross-attention looked, in the fusion section's folder.</summary>
    public const string AttentionGridFile = "attention-grid.html";

    /// <summary>The fusion comparison: <see cref="FusionWorkbench.Sweep"/> over <see cref="FusionGrid"/>; writes sweep.csv, sweep.json
    /// and, when the grid has cross-attention, the attention picture grid of its first run (<see cref="AttentionGridFile"/> and a PNG).</summary>
    public SectionResult Fusion(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Fusion, FusionSettings(), folder =>
        {
            using var bench = FusionWorkbench.Open(Profile, FusionTextEncoder, Log, Threads, cancel);
            var grid = FusionGrid.Select(c => c with { TextEncoder = FusionTextEncoder, Threads = Threads }).ToArray();
            var sweep = bench.Sweep(grid, Seeds, Log, cancel);
            sweep.Save(folder);
            if (sweep.Rows.SelectMany(r => r.Runs).FirstOrDefault(r => r.AttentionMaps is not null) is { } attending)
            {
                var picture = bench.AttentionGrid(attending);
                Caching.AtomicFile.WriteAllText(Path.Combine(folder, AttentionGridFile), picture.ToHtml());
                picture.SavePng(Path.Combine(folder, Path.ChangeExtension(AttentionGridFile, ".png")));
            }
            return sweep.ToDataFrame();
        });

    /// <summary>The retrieval experiment (<see cref="RetrievalExperiment.Run"/>); writes retrieval.csv, retrieval-intervals.csv and retrieval.json.</summary>
    public SectionResult Retrieval(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Retrieval, Settings(RetrievalOptions with { Threads = null }), folder =>
        {
            var result = RetrievalExperiment.Run(LoadedData(cancel), TextEmbedder(), RetrievalOptions with { Threads = Threads }, Seeds, Log, cancel);
            result.Save(folder);
            return result.ToDataFrame();
        });

    /// <summary>The zero-shot experiment (<see cref="ZeroShotExperiment.Run"/>); writes zero-shot.csv and zero-shot.json.</summary>
    public SectionResult ZeroShot(CancellationToken cancel = default) =>
        GetOrRun(RunSection.ZeroShot, Settings(ZeroShotOptions with { Threads = null }), folder =>
        {
            var result = ZeroShotExperiment.Run(LoadedData(cancel), TextEmbedder(), ZeroShotOptions with { Threads = Threads }, Seeds, Log, cancel);
            result.Save(folder);
            return result.ToDataFrame();
        });

    /// <summary>The picture of where the interaction section's cross-attention model looked (PNG and an HTML fragment of the same name), in its folder.</summary>
    public const string InteractionAttentionFile = "attention.html";

    /// <summary>
    /// The interaction experiment (<see cref="InteractionExperiment.Run"/>) on generated questions; writes its tables
    /// (summary.json, gaps.json, phrasing.json, timing.json, summary.txt, charts.html) and, when cross-attention ran, where
    /// it looked (<see cref="InteractionAttentionFile"/> and a PNG). The section's table is <see cref="InteractionResult.Summary"/>.
    /// </summary>
    public SectionResult Interaction(CancellationToken cancel = default) =>
        GetOrRun(RunSection.Interaction, Settings(InteractionConfig with { Threads = null }), folder =>
        {
            var config = InteractionConfig with { Threads = Threads };
            var data = InteractionData.Load(Profile, config, Log, cancel);
            var result = InteractionExperiment.Run(data, config, Seeds, Log, cancel);
            result.Save(folder);
            if (InteractionPictures.Experiment(result, data) is { } picture)
            {
                Caching.AtomicFile.WriteAllText(Path.Combine(folder, InteractionAttentionFile), picture.ToHtml());
                picture.SavePng(Path.Combine(folder, Path.ChangeExtension(InteractionAttentionFile, ".png")));
            }
            return result.Summary();
        });

    /// <summary>The generation section (<see cref="GenerationSection.Run"/>): grids, CSV tables and charts in its folder; its table is the experiment's summary.</summary>
    public SectionResult Generation(CancellationToken cancel = default)
    {
        var options = GenerationOptions ?? GenerationSection.Options(Profile);
        return GetOrRun(RunSection.Generation, Settings(options), folder => GenerationSection.Run(Profile, folder, options, Seeds, Threads, Log, cancel));
    }

    /// <summary>The fusion settings as one line: encoder, methods, reliabilities and the other parameters of the grid.</summary>
    public string FusionSettings()
    {
        static string Distinct(IEnumerable<string> values) => string.Join(", ", values.Distinct(StringComparer.Ordinal));
        return $"text encoder {FusionTextEncoder}; methods {Distinct(FusionGrid.Select(c => c.Method))}; " +
               $"reliabilities {Distinct(FusionGrid.Select(c => FusionExperimentConfig.DescribeReliability(c.Reliability)))}; " +
               $"{Distinct(FusionGrid.Select(c => c.DescribeParameters()))}; text seeds {Distinct(FusionGrid.Select(c => c.TextSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)))}";
    }

    private SectionResult GetOrRun(RunSection section, string settings, Func<string, Microsoft.Data.Analysis.DataFrame> run)
    {
        CaseStudyReport.EnsureRunConfig(RunDirectory, Profile, Seeds);
        return SectionStore.GetOrRun(RunDirectory, section, Profile.Name, Seeds, settings, run, Log);
    }

    private static readonly JsonSerializerOptions CompactJson = new(CaseStudyStore.Json) { WriteIndented = false };

    private static string Settings<T>(T options) => JsonSerializer.Serialize(options, CompactJson);

    private EmbeddedData LoadedData(CancellationToken cancel) =>
        data ??= FashionMnistEmbeddings.Load(Profile, new EmbeddingOptions { Threads = Threads, SpatialTrainPerClass = SpatialTrainPerClass }, Log, cancel);

    /// <summary>Training images per class of the fusion grid's spatial (cross-attention) runs, null when it has none: the
    /// images whose embeddings come from one spatial pass (<see cref="EmbeddingOptions.SpatialTrainPerClass"/>).</summary>
    public int? SpatialTrainPerClass =>
        FusionGrid.Where(c => FusionExperiment.IsSpatial(c.Method)).Select(c => c.EffectiveTrainPerClass).FirstOrDefault();

    private TextEmbedder TextEmbedder() => embedTexts ??= RetrievalTextEmbedding.Cached(log: Log, threads: Threads);
}
