
namespace FusionKit.Experiments.Retrieval;

/// <summary>One search result: a test image, its true class and its cosine score against the query.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="TestIndex">Row of the image in the test split.</param>
public sealed record SearchHit(int Rank, int TestIndex, int TrueClass, string ClassName, double Score);
