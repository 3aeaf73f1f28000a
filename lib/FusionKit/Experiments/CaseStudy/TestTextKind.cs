
namespace FusionKit.Experiments.CaseStudy;

/// <summary>What the paper model reads as text at test time.</summary>
public enum TestTextKind
{
    /// <summary>The model reads no per-sample text (image-only and compatibility models).</summary>
    NotUsed,

    /// <summary>The text of the sample's true label: the paper's protocol, which leaks the answer.</summary>
    TrueLabel,

    /// <summary>The text of a wrong label: for every sample a different class, uniform over the other C − 1.</summary>
    WrongLabel,

    /// <summary>The text of a label drawn uniformly over all C classes (can coincide with the true one).</summary>
    RandomLabel,

    /// <summary>A zero vector in place of the text.</summary>
    Zeros,
}
