using FusionKit.Platform;
using Xunit.Sdk;

namespace FusionKit.Tests;

/// <summary>
/// What a test that needs optional system programs (<see cref="SystemToolFactAttribute"/>,
/// <see cref="SystemToolTheoryAttribute"/>) does when one is missing from PATH: it is skipped with a reason naming
/// the tool and how to install it, unless FUSIONKIT_REQUIRE_SYSTEM_TOOLS=1 (set by .ci/run), in which case it runs
/// and fails before its body with a message saying the tool is required in CI.
/// </summary>
public static class SystemToolRequirement
{
    /// <summary>The environment variable that turns a missing tool from a skip into a failure.</summary>
    public const string RequireVariable = "FUSIONKIT_REQUIRE_SYSTEM_TOOLS";

    /// <summary>True when <see cref="RequireVariable"/> is 1.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The tools of <paramref name="tools"/> that are not on PATH.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> tools) =>
        tools.Where(t => SystemTool.Find(t) is null).ToList();

    /// <summary>The skip reason for a test needing <paramref name="tools"/>; null when it should run.</summary>
    public static string? SkipReason(IReadOnlyList<string> tools)
    {
        var missing = Missing(tools);
        if (missing.Count == 0 || Required) return null;
        return string.Join(" ", missing.Select(t => $"Needs {t}, which is not on PATH: {SystemTool.InstallHint(t)}.")) +
               $" ({RequireVariable}=1 makes this a failure, as in CI.)";
    }

    /// <summary>Fails (throws) with a message saying each of <paramref name="tools"/> missing from PATH is required.</summary>
    public static void ThrowIfMissing(IEnumerable<string> tools)
    {
        var missing = Missing(tools);
        if (missing.Count > 0)
            throw new XunitException(string.Join(" ", missing.Select(t =>
                $"{t} is required here ({RequireVariable}=1, as in CI) but is not on PATH: {SystemTool.InstallHint(t)}.")));
    }
}
