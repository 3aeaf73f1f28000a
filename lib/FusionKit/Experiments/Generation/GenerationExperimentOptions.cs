namespace FusionKit.Experiments.Generation;

/// <summary>Settings of the measured generation experiment (<see cref="GenerationExperiment"/>).</summary>
public sealed record GenerationExperimentOptions
{
    /// <summary>The text model's training settings (the baselines take the same with another conditioning); null = the profile's preset.</summary>
    public GenerationOptions? Generation { get; init; }

    /// <summary>Seeds to repeat over; null or empty = the profile's.</summary>
    public IReadOnlyList<int>? Seeds { get; init; }

    /// <summary>Generated (and real) images per class that the judge scores; null = 100 (default profile), 20 (smoke).</summary>
    public int? JudgePerClass { get; init; }

    /// <summary>Also train and score the one-hot baseline (and, with <see cref="Unconditional"/>, the unconditional one) with the same networks.</summary>
    public bool Baselines { get; init; } = true;

    /// <summary>With <see cref="Baselines"/>: also the unconditional baseline.</summary>
    public bool Unconditional { get; init; } = true;
}
