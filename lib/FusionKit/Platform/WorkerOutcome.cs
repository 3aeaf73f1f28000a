namespace FusionKit.Platform;

/// <summary>How one <see cref="WorkerJob"/> ended.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="ExitCode">The child's exit code (0 = done), or null when it never started because an earlier job failed or the pool was cancelled.</param>
/// <param name="WallSeconds">Seconds from the child's start to its exit (process start-up included), 0 when it never started.</param>
/// <param name="CpuSeconds">CPU seconds the child reported on its <see cref="WorkerProcesses.CpuMarker"/> line (its work, start-up excluded), or null when it reported none.</param>
public sealed record WorkerOutcome(string Name, int? ExitCode, double WallSeconds, double? CpuSeconds);
