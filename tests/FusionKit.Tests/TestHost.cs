using System.Runtime.CompilerServices;
using FusionKit.Platform;

namespace FusionKit.Tests;

/// <summary>What the kit's command line and notebook session do before any torch call, done once for the test host:
/// tests that build tensors directly (without a kit entry point) then find torch as the kit leaves it, oneMKL's code
/// path included (it is chosen at the first product; <see cref="MklVendorCheck"/>).</summary>
internal static class TestHost
{
    [ModuleInitializer]
    internal static void PrepareTorch() => TorchRuntime.EnsureReady();
}
