using FusionKit.Fusion;

namespace FusionKit.Experiments.Interaction;

/// <summary>Which answer model a <see cref="QuestionAnswerer"/> uses (trained on first use, then read from the cache).</summary>
public sealed record AskOptions
{
    /// <summary>The profile whose generated questions train the model. Smoke (default): trains in about a minute.</summary>
    public RunProfile Profile { get; init; } = RunProfile.Smoke;

    /// <summary>The fusion method. Cross-attention (default) also shows where the question looked.</summary>
    public string Method { get; init; } = FusionMethods.CrossAttention;

    /// <summary>The question encoder. MiniLM (default).</summary>
    public string Encoder { get; init; } = "minilm";

    /// <summary>Seed of the model's weights and batch order.</summary>
    public int Seed { get; init; }

    /// <summary>Torch and encoder threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Training and task settings (question counts, head, epochs).</summary>
    public InteractionConfig Config { get; init; } = InteractionConfig.Default;

    /// <summary>
    /// A question whose embedding has a cosine below this with every known phrasing is out of scope. 0.5 for MiniLM:
    /// checked on the held-out paraphrases (all above it) and on questions about colour, price and brand (all below).
    /// </summary>
    public double MinSimilarity { get; init; } = 0.5;
}
