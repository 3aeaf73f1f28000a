using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace FusionKit.Platform;

/// <summary>What <see cref="TorchRuntime.EnsureReady"/> adjusted (empty where nothing was needed).</summary>
public sealed record PlatformReport(IReadOnlyList<string> Adjustments);
