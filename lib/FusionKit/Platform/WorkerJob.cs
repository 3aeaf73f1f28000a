using System.Diagnostics;

namespace FusionKit.Platform;

/// <summary>One piece of work for <see cref="WorkerProcesses"/>: a child process and the name its output lines are prefixed with.</summary>
/// <param name="Name">Prefix of every line the child writes ("[Name] line"), e.g. the section it computes.</param>
/// <param name="Start">The child's program and arguments; its output is redirected by the pool.</param>
public sealed record WorkerJob(string Name, ProcessStartInfo Start);
