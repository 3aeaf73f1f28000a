namespace FusionKit.Evaluation.Tuning;

/// <summary>One training of a <see cref="SpeedSelection"/>: a setting and seed, its validation score and its wall time.</summary>
/// <param name="Seconds">Wall seconds of the training and its validation scoring.</param>
public sealed record SpeedTrial(SpeedSetting Setting, int Seed, double Score, double Seconds);
