namespace FusionKit.Cli;

/// <summary>What a running command writes to and listens to.</summary>
/// <param name="Output">Standard output (a string writer in tests).</param>
/// <param name="Cancel">Cancelled by Ctrl+C for <see cref="CliCommand.Resumable"/> commands: stop after the current batch.</param>
public sealed record CliContext(TextWriter Output, CancellationToken Cancel);
