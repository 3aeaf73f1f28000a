using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace FusionKit.Platform;

/// <summary>One line of `fusionkit doctor`.</summary>
public sealed record DiagnosticCheck(string Name, bool Ok, string Detail);
