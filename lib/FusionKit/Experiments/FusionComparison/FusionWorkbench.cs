using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Data.Manifest;
using FusionKit.Embeddings;
using FusionKit.Models.Fusion;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>
/// The cached embeddings of a profile plus one text encoder, ready for fusion runs: <see cref="Inputs"/> prepares
/// (and remembers) the side-text inputs per reliability, so a notebook or sweep retrains in seconds. Opening it
/// embeds nothing that is already in the cache. Cross-attention reads spatial tokens (49 x 512 per image,
/// <see cref="ImageEncoders.CreateSpatial"/> at the data's precision) of a training subset and the whole test split; <see cref="InputsFor"/>
/// embeds them through the cache the first time (about 21,000 images for the default profile: minutes) and keeps
/// them for the workbench's life. Dispose it to free the text encoder.
/// </summary>
public sealed class FusionWorkbench : IDisposable
{
    private readonly ITextEncoder encoder;
    private readonly EmbeddingCache cache;
    private readonly Dictionary<(SideTextReliability, int), FusionInputs> prepared = [];
    private readonly Dictionary<int, (FusionSubset Subset, EmbeddingMatrix Train, EmbeddingMatrix Validation, EmbeddingMatrix Test)> spatial = [];
    private readonly TextWriter log;
    private readonly int threads;
    private readonly bool ownText;
    private FusionInputs? ownInputs;

    private FusionWorkbench(EmbeddedData data, ITextEncoder encoder, EmbeddingCache cache, TextWriter log, int threads, bool ownText = false)
    {
        this.ownText = ownText;
        Data = data;
        this.encoder = encoder;
        this.cache = cache;
        this.log = log;
        this.threads = threads;
    }

    /// <summary>The profile's cached image embeddings and labels.</summary>
    public EmbeddedData Data { get; }

    /// <summary>Class names, index = class.</summary>
    public IReadOnlyList<string> ClassNames => Data.ClassNames;

    /// <summary>Loads (or, the first time, computes) the profile's embeddings through the cache and opens the text encoder.</summary>
    /// <param name="textEncoder">Encoder of the side texts (<see cref="TextEncoders.Names"/>).</param>
    /// <param name="threads">Encoder threads.</param>
    public static FusionWorkbench Open(RunProfile profile, string textEncoder = "minilm", TextWriter? log = null, int threads = 1,
                                       CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var cache = new EmbeddingCache { Progress = log ?? TextWriter.Null };
        var data = FashionMnistEmbeddings.Load(profile, new EmbeddingOptions { TextEncoders = [textEncoder], Threads = threads, Cache = cache }, log, cancel);
        return new FusionWorkbench(data, TextEncoders.Create(textEncoder, null, log, threads), cache, log ?? TextWriter.Null, threads);
    }

    /// <summary>
    /// A workbench over data already loaded (e.g. the run pipeline's, <see cref="FashionMnistEmbeddings.Load"/>), so a run
    /// loads its data once; side texts and spatial tokens go through the kit's embedding cache as with <see cref="Open(RunProfile, string, TextWriter?, int, CancellationToken)"/>.
    /// </summary>
    /// <param name="textEncoder">Encoder of the side texts (<see cref="TextEncoders.Names"/>).</param>
    /// <param name="threads">Encoder threads.</param>
    public static FusionWorkbench Open(EmbeddedData data, string textEncoder = "minilm", TextWriter? log = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cache = new EmbeddingCache { Progress = log ?? TextWriter.Null };
        return new FusionWorkbench(data, TextEncoders.Create(textEncoder, null, log, threads), cache, log ?? TextWriter.Null, threads);
    }

    /// <summary>
    /// Data of one's own: the manifest's images and its own text column (<see cref="ManifestEmbeddings.Load"/>) instead
    /// of Fashion-MNIST and simulated side text. Every run of this workbench reads that text; reliability and text
    /// seed do not apply.
    /// </summary>
    public static FusionWorkbench OpenManifest(string manifestPath, string textEncoder = "minilm", double testFraction = 0.2, TextWriter? log = null,
                                               int threads = 1, CancellationToken cancel = default, BadRowPolicy badRows = BadRowPolicy.Fail)
    {
        var cache = new EmbeddingCache { Progress = log ?? TextWriter.Null };
        var data = ManifestEmbeddings.Load(manifestPath, testFraction, options: new EmbeddingOptions { Threads = threads, Cache = cache }, log: log,
                                           cancel: cancel, badRows: badRows);
        return new FusionWorkbench(data, TextEncoders.Create(textEncoder, null, log, threads), cache, log ?? TextWriter.Null, threads, ownText: true);
    }

    /// <summary>Whether the text is the data's own (<see cref="OpenManifest"/>) rather than simulated.</summary>
    public bool UsesOwnText => ownText;

    /// <summary>Side-text inputs for a reliability and text seed (prepared once, then reused); for a manifest, the data's own text.</summary>
    public FusionInputs Inputs(SideTextReliability reliability, int textSeed = 0, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(reliability);
        if (ownText) return ownInputs ??= FusionInputs.FromOwnText(Data, encoder, cache, cancel);
        if (!prepared.TryGetValue((reliability, textSeed), out var inputs))
            prepared[(reliability, textSeed)] = inputs = FusionInputs.Prepare(Data, reliability, textSeed, encoder, cache, cancel);
        return inputs;
    }

    /// <summary>
    /// What <paramref name="config"/> trains and tests on: the side-text inputs of its reliability and text seed,
    /// restricted to its <see cref="FusionExperimentConfig.EffectiveTrainPerClass"/> subset, with spatial tokens as
    /// the image rows for a spatial method (cross-attention).
    /// </summary>
    public FusionInputs InputsFor(FusionExperimentConfig config, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var inputs = Inputs(config.Reliability, config.TextSeed, cancel);
        if (config.EffectiveTrainPerClass is not { } perClass) return inputs;
        if (!FusionExperiment.IsSpatial(config.Method)) return inputs.Select(FusionSubset.Stratified(inputs, perClass));
        var (subset, train, validation, test) = SpatialRows(inputs, perClass, cancel);
        return inputs.Select(subset).WithImages(train, validation, test);
    }

    /// <summary>Trains and evaluates one configuration (<see cref="FusionExperiment.Run"/>) on <see cref="InputsFor"/>.</summary>
    public FusionRunResult Run(FusionExperimentConfig config, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FusionExperiment.Run(InputsFor(config, cancel), config, log, cancel);
    }

    /// <summary>The image-only baseline of <paramref name="config"/>: same head and settings, trained on the same images.</summary>
    public FusionRunResult RunBaseline(FusionExperimentConfig config, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Run(config with { Method = FusionExperiment.ImageOnly, FixedWeights = null, ModalityDropout = 0, TrainPerClass = config.EffectiveTrainPerClass }, log, cancel);
    }

    /// <summary>
    /// Where a cross-attention <paramref name="run"/> of this workbench looked: the first <paramref name="perClass"/>
    /// test images of each class beside their attention maps, captioned with their side text, truth and prediction.
    /// </summary>
    /// <exception cref="ArgumentException">A run without attention maps (not cross-attention).</exception>
    public FusionKit.Interactive.ImageGrid AttentionGrid(FusionRunResult run, int perClass = 1)
    {
        ArgumentNullException.ThrowIfNull(run);
        var texts = Inputs(run.Config.Reliability, run.Config.TextSeed).Test.SideTexts.Select(t => t.Text).ToArray();
        var picks = FusionKit.Experiments.FusionComparison.AttentionGrid.FirstPerClass(run.TestLabels, ClassNames.Count, perClass);
        return FusionKit.Experiments.FusionComparison.AttentionGrid.Build(run, Data.Test.Dataset, picks, texts);
    }

    /// <summary>A sweep (<see cref="FusionSweep.Run"/>) over this workbench's inputs.</summary>
    public SweepResult Sweep(IReadOnlyList<FusionExperimentConfig> configs, IReadOnlyList<int> seeds, TextWriter? log = null, CancellationToken cancel = default) =>
        FusionSweep.Run(c => InputsFor(c, cancel), configs, seeds, log, cancel);

    /// <summary>Spatial tokens of the subset's training and validation images and of every test image (embedded once, then kept).</summary>
    private (FusionSubset, EmbeddingMatrix, EmbeddingMatrix, EmbeddingMatrix) SpatialRows(FusionInputs inputs, int perClass, CancellationToken cancel)
    {
        if (spatial.TryGetValue(perClass, out var kept)) return kept;
        var subset = FusionSubset.Stratified(inputs, perClass);
        log.WriteLine($"spatial tokens (49 x 512 per image) for {subset.Train.Length:N0} train, {subset.Validation.Length:N0} validation and {Data.Test.Count:N0} test images");
        using var encoder = ImageEncoders.CreateSpatial(new ImageEncoderOptions { Threads = threads, Precision = Data.ImagePrecision });
        var train = cache.GetOrCompute(encoder, Data.Train.Dataset.Select(subset.Train), cancel);
        var validation = cache.GetOrCompute(encoder, Data.Validation.Dataset.Select(subset.Validation), cancel);
        var test = cache.GetOrCompute(encoder, Data.Test.Dataset, cancel);
        spatial[perClass] = kept = (subset, train, validation, test);
        return kept;
    }

    public void Dispose() => encoder.Dispose();
}
