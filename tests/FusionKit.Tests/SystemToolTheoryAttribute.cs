namespace FusionKit.Tests;

/// <summary>
/// A theory that needs optional system programs, e.g. <c>[SystemToolTheory("chromium")]</c>: skipped with a reason
/// naming the tool and its install command when one is missing from PATH, or failed when
/// FUSIONKIT_REQUIRE_SYSTEM_TOOLS=1 (see <see cref="SystemToolRequirement"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SystemToolTheoryAttribute : TheoryAttribute, ISystemToolTest
{
    /// <summary>A theory needing every one of <paramref name="tools"/>.</summary>
    public SystemToolTheoryAttribute(params string[] tools)
    {
        Tools = tools;
        Skip = SystemToolRequirement.SkipReason(tools)!;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Tools { get; }
}
