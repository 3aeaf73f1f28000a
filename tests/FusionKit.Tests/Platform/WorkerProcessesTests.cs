using System.Diagnostics;
using FusionKit.Platform;

namespace FusionKit.Tests.Platform;

/// <summary>The pool of worker processes: whole prefixed lines, outcomes in the order given, SIGINT on failure and on cancel.</summary>
public class WorkerProcessesTests
{
    // The shell starts with SIGINT's default handling whatever this test host inherited: a host started in the background
    // by a non-interactive shell (as CI runners may start it) has SIGINT ignored, its children inherit that, and a shell
    // cannot trap a signal ignored at its start, so the children below would never see the pool's SIGINT.
    private static WorkerJob Shell(string name, string script)
    {
        var start = new ProcessStartInfo("/usr/bin/env");
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return new WorkerJob(name, start);
    }

    // A child that, like the kit on Ctrl+C, exits with 130 when it gets SIGINT (the sleep runs in the background so the trap fires
    // at once, away from the output pipe, which the pool reads to its end).
    private const string WaitsForSigint = "trap 'echo interrupted; kill $!; exit 130' INT; echo waiting; sleep 30 >/dev/null 2>&1 & wait";

    [Fact]
    public void Lines_ArePrefixedWhole_AndOutcomesKeepTheOrderGiven_NotTheOrderOfEnding()
    {
        var log = new StringWriter();
        var outcomes = WorkerProcesses.Run(
        [
            Shell("slow", "sleep 0.5; echo one; echo 'fusionkit-cpu-seconds: 1.25'"),
            Shell("fast", "echo two; echo err >&2"),
        ], jobs: 2, log);

        Assert.Equal(["slow", "fast"], outcomes.Select(o => o.Name));
        Assert.All(outcomes, o => Assert.Equal(0, o.ExitCode));
        Assert.Equal(1.25, outcomes[0].CpuSeconds);      // read from its marker line
        Assert.Null(outcomes[1].CpuSeconds);             // it wrote none
        Assert.True(outcomes[0].WallSeconds >= 0.5, $"slow ran {outcomes[0].WallSeconds} s");
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.Equal(["[fast] err", "[fast] two", "[slow] one"], lines); // the marker line is read, not relayed
    }

    [Fact]
    public void OneJobAtATime_RunsThemOneAfterAnother()
    {
        var log = new StringWriter();
        WorkerProcesses.Run([Shell("a", "echo a1; sleep 0.2; echo a2"), Shell("b", "echo b1")], jobs: 1, log);
        Assert.Equal("[a] a1\n[a] a2\n[b] b1\n", log.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AFailedJob_InterruptsTheRunningOnes_AndStartsNoOther()
    {
        var clock = Stopwatch.StartNew();
        var log = new StringWriter();
        var outcomes = WorkerProcesses.Run(
        [
            Shell("waits", WaitsForSigint),
            Shell("fails", "sleep 0.5; echo broken; exit 3"),
            Shell("never", "echo started"),
        ], jobs: 2, log);

        Assert.Equal([130, 3, null], outcomes.Select(o => o.ExitCode));
        Assert.Contains("[waits] interrupted", log.ToString());
        Assert.DoesNotContain("started", log.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Cancelling_SendsSigintToEveryRunningJob()
    {
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var log = new StringWriter();
        var outcomes = WorkerProcesses.Run([Shell("a", WaitsForSigint), Shell("b", WaitsForSigint), Shell("c", "echo started")], jobs: 2, log, cancel.Token);
        Assert.Equal([130, 130, null], outcomes.Select(o => o.ExitCode));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.DoesNotContain("started", log.ToString());
        Assert.Contains("[a] interrupted", log.ToString());
        Assert.Contains("[b] interrupted", log.ToString());
    }

    [Fact]
    public void AProgramThatDoesNotExist_IsNamed()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            WorkerProcesses.Run([new WorkerJob("x", new ProcessStartInfo("/nonexistent/worker"))], jobs: 1, log: null));
        Assert.Contains("/nonexistent/worker", e.Message);
    }
}
