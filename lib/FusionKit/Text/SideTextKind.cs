
namespace FusionKit.Text;

/// <summary>What a simulated side text says about its image.</summary>
public enum SideTextKind
{
    /// <summary>Describes the image's true class.</summary>
    TrueClass,
    /// <summary>Describes a class easily confused with the true one (e.g. a shirt listed as a T-shirt).</summary>
    ConfusableClass,
    /// <summary>Says nothing about the class ("new arrival, free shipping").</summary>
    Uninformative,
    /// <summary>The dataset's own text (a manifest's text column): real, not simulated; which class it describes is unknown (-1).</summary>
    Given,
}
