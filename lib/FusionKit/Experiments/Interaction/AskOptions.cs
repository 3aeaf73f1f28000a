using FusionKit.Data;
using FusionKit.Models.Fusion;
using FusionKit.Platform;

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

    /// <summary>Where the answer model trains and answers (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>Training and task settings (question counts, head, epochs).</summary>
    public InteractionConfig Config { get; init; } = InteractionConfig.Default;

    /// <summary>
    /// A question whose embedding has a cosine below this with every known phrasing (seen and held-out) is out of
    /// scope. 0.6 for MiniLM, set by hand on a few questions: new paraphrases such as "tell me what this thing is"
    /// (0.63), "could this go on my feet?" (0.91) and "do people wear this in winter?" (0.61) stay above it; "what brand
    /// is it?" (0.57), "what is the colour of this?" (0.54) and "is it expensive?" (0.33) fall below. The margin is
    /// small: this is a guard against obvious misuse, not a classifier of what the table covers.
    /// </summary>
    public double MinSimilarity { get; init; } = 0.6;
}
