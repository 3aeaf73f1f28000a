namespace FusionKit.Experiments.Generation;

/// <summary>
/// The judge's reference figures, computed once per judge with exactly the procedure and sample size of
/// <see cref="GenerationJudge.Score"/>, so a generator's scores can be read between them.
/// </summary>
/// <param name="Real">Real training-split images that the judge's classifier never saw (the validation part), with
/// their true labels: the floor of the Fréchet distance (real vs real test), the best precision/recall at this
/// sample size, the conditional accuracy of real images, and the classification accuracy score of the same
/// classifier trained on an equal count of real images.</param>
/// <param name="ClassShuffled">The same real images with their labels permuted across classes: the chance level of
/// the conditional measures (conditional accuracy, classification accuracy score); its Fréchet distance and
/// precision/recall equal <paramref name="Real"/>'s, since those ignore labels.</param>
/// <param name="Noise">Uniform-noise images with the intended labels: the ceiling reference of the Fréchet distance
/// and the floor of everything else.</param>
public sealed record GenerationReference(GenerationScores Real, GenerationScores ClassShuffled, GenerationScores Noise)
{
    /// <summary>Name (<see cref="GenerationScores.Source"/>) of <see cref="Real"/>.</summary>
    public const string RealName = "real (held-out training images)";

    /// <summary>Name of <see cref="ClassShuffled"/>.</summary>
    public const string ClassShuffledName = "real, class-shuffled labels";

    /// <summary>Name of <see cref="Noise"/>.</summary>
    public const string NoiseName = "uniform noise images";

    /// <summary>The three references in table order.</summary>
    public IReadOnlyList<GenerationScores> All => [Real, ClassShuffled, Noise];
}
