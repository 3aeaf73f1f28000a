using System.Reflection;
using Xunit.Sdk;

[assembly: FusionKit.Tests.SystemToolCheck]

namespace FusionKit.Tests;

/// <summary>
/// Runs before every test: a test marked <see cref="SystemToolFactAttribute"/> or
/// <see cref="SystemToolTheoryAttribute"/> that was not skipped although a tool it needs is missing (only when
/// FUSIONKIT_REQUIRE_SYSTEM_TOOLS=1) fails here, with a message saying the tool is required, instead of failing
/// somewhere in its body with a less direct one.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class SystemToolCheckAttribute : BeforeAfterTestAttribute
{
    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest)
    {
        SystemToolRequirement.ThrowIfMissing(methodUnderTest.GetCustomAttributes().OfType<ISystemToolTest>().SelectMany(a => a.Tools).Distinct());
    }
}
