using FusionKit.Caching;
using FusionKit.Text;

namespace FusionKit.Experiments;

/// <summary>
/// The cached embeddings of a profile plus one text encoder, ready for fusion runs: <see cref="Inputs"/> prepares
/// (and remembers) the side-text inputs per reliability, so a notebook or sweep retrains in seconds. Opening it
/// embeds nothing that is already in the cache. Dispose it to free the text encoder.
/// </summary>
public sealed class FusionWorkbench : IDisposable
{
    private readonly ITextEncoder encoder;
    private readonly EmbeddingCache cache;
    private readonly Dictionary<(SideTextReliability, int), FusionInputs> prepared = [];

    private FusionWorkbench(EmbeddedData data, ITextEncoder encoder, EmbeddingCache cache)
    {
        Data = data;
        this.encoder = encoder;
        this.cache = cache;
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
        return new FusionWorkbench(data, TextEncoders.Create(textEncoder, null, log, threads), cache);
    }

    /// <summary>Side-text inputs for a reliability and text seed (prepared once, then reused).</summary>
    public FusionInputs Inputs(SideTextReliability reliability, int textSeed = 0, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(reliability);
        if (!prepared.TryGetValue((reliability, textSeed), out var inputs))
            prepared[(reliability, textSeed)] = inputs = FusionInputs.Prepare(Data, reliability, textSeed, encoder, cache, cancel);
        return inputs;
    }

    /// <summary>Trains and evaluates one configuration (<see cref="FusionExperiment.Run"/>) on this workbench's inputs.</summary>
    public FusionRunResult Run(FusionExperimentConfig config, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FusionExperiment.Run(Inputs(config.Reliability, config.TextSeed, cancel), config, log, cancel);
    }

    /// <summary>A sweep (<see cref="FusionSweep.Run"/>) over this workbench's inputs.</summary>
    public SweepResult Sweep(IReadOnlyList<FusionExperimentConfig> configs, IReadOnlyList<int> seeds, TextWriter? log = null, CancellationToken cancel = default) =>
        FusionSweep.Run((r, s) => Inputs(r, s, cancel), configs, seeds, log, cancel);

    public void Dispose() => encoder.Dispose();
}
