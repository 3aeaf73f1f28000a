
namespace FusionKit.Text;

/// <summary>One simulated side text and what it truly says.</summary>
public sealed record SideText(string Text, SideTextKind Kind, int DescribedClass);
