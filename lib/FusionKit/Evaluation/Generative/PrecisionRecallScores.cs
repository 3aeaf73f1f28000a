namespace FusionKit.Evaluation.Generative;

/// <summary>
/// Improved precision and recall (<see cref="ManifoldPrecisionRecall"/>), with the settings they depend on.
/// </summary>
/// <param name="Precision">Share of generated samples inside the real manifold, in [0, 1].</param>
/// <param name="Recall">Share of real samples inside the generated manifold, in [0, 1].</param>
/// <param name="K">Neighbour that set the hypersphere radii.</param>
/// <param name="RealCount">Real samples used (the radii grow as the count falls: report it).</param>
/// <param name="GeneratedCount">Generated samples used.</param>
public sealed record PrecisionRecallScores(double Precision, double Recall, int K, int RealCount, int GeneratedCount);
