namespace FusionKit.Tests;

/// <summary>A test attribute that names the optional system programs its test needs.</summary>
public interface ISystemToolTest
{
    /// <summary>Executable names looked up on PATH (see <see cref="FusionKit.Platform.SystemTool"/>).</summary>
    IReadOnlyList<string> Tools { get; }
}
