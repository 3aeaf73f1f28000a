
namespace FusionKit.Text;

/// <summary>How reliable the simulated side text is: fractions of true-class, confusable-class and uninformative texts.</summary>
public sealed record SideTextReliability(double TrueClass, double ConfusableClass, double Uninformative)
{
    /// <summary>A text that is right most of the time, like a careful seller's title.</summary>
    public static SideTextReliability High { get; } = new(0.8, 0.1, 0.1);

    /// <summary>A text that is right only half the time.</summary>
    public static SideTextReliability Low { get; } = new(0.5, 0.25, 0.25);

    /// <summary>Builds a reliability from its true-class fraction; the rest is split evenly between confusable and uninformative.</summary>
    public static SideTextReliability FromTrueFraction(double trueFraction) =>
        new(trueFraction, (1 - trueFraction) / 2, (1 - trueFraction) / 2);

    public void Validate()
    {
        if (new[] { TrueClass, ConfusableClass, Uninformative }.Any(f => f < 0 || f > 1 || double.IsNaN(f)) ||
            Math.Abs(TrueClass + ConfusableClass + Uninformative - 1) > 1e-9)
            throw new ArgumentException($"Side-text fractions must be in [0, 1] and sum to 1; got {TrueClass}, {ConfusableClass}, {Uninformative}.");
    }
}
