using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace FusionKit.Platform;

/// <summary>
/// Runs independent jobs as child processes, at most <c>jobs</c> at a time, and relays their output. Why processes and
/// not threads: libtorch draws dropout masks, modality-dropout draws and initial weights from ONE process-wide CPU
/// generator (<c>torch.manual_seed</c> reseeds it for everyone), and its intra-op thread count is process-wide too; two
/// trainings on two threads of one process would interleave their draws, so their numbers would depend on timing. Each
/// child has its own generator and thread setting, so a job computes exactly what it computes alone (the same seeds,
/// the same numbers, bit for bit).
/// <list type="bullet">
/// <item>Output: every line a child writes (stdout and stderr) is relayed whole, prefixed with "[job name] ", so lines of
/// jobs running side by side stay readable; a line starting with <see cref="CpuMarker"/> is read, not relayed.</item>
/// <item>Order: <see cref="Run"/> returns one outcome per job in the order the jobs were given, whatever order they end in;
/// jobs start in the order given (put the longest first).</item>
/// <item>Cancellation and failure: cancelling the token, or a child that fails, sends every running child SIGINT (the
/// kit's Ctrl+C: it stops after the current batch, keeps finished work and exits with 130) and starts no further job;
/// <see cref="Run"/> waits for the running children to end. A Ctrl+C typed in the terminal reaches the children directly.</item>
/// </list>
/// </summary>
public static class WorkerProcesses
{
    /// <summary>A child writes "<c>fusionkit-cpu-seconds: 12.5</c>" (invariant culture) to report the CPU time of its work.</summary>
    public const string CpuMarker = "fusionkit-cpu-seconds:";

    /// <summary>Runs <paramref name="work"/> with at most <paramref name="jobs"/> children at a time.</summary>
    /// <param name="work">The jobs, started in this order.</param>
    /// <param name="jobs">How many children may run at once (at least 1).</param>
    /// <param name="log">Where the children's lines go, prefixed; null = discarded.</param>
    /// <param name="cancel">Stops the pool: running children get SIGINT, no further job starts.</param>
    /// <returns>One outcome per job, in the order of <paramref name="work"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="jobs"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">A child could not be started (the program is named).</exception>
    public static IReadOnlyList<WorkerOutcome> Run(IReadOnlyList<WorkerJob> work, int jobs, TextWriter? log, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var outcomes = work.Select(w => new WorkerOutcome(w.Name, null, 0, null)).ToArray();
        var output = log ?? TextWriter.Null;
        var writeLock = new object();
        var running = new List<Running>();
        var stopping = false;
        using var wakeUp = new SemaphoreSlim(0);
        using var onCancel = cancel.Register(() => wakeUp.Release());
        var next = 0;
        try
        {
            while (next < work.Count || running.Count > 0)
            {
                if (!stopping && (cancel.IsCancellationRequested || outcomes.Any(o => o.ExitCode is not (null or 0))))
                {
                    stopping = true;
                    foreach (var child in running) Interrupt(child.Process);
                }
                while (!stopping && next < work.Count && running.Count < jobs)
                {
                    running.Add(Start(work[next], next, output, writeLock, wakeUp));
                    next++;
                }
                if (stopping && running.Count == 0) break;
                wakeUp.Wait();
                foreach (var done in running.Where(r => r.Process.HasExited).ToList())
                {
                    done.Process.WaitForExit(); // the output readers finish
                    outcomes[done.Index] = new WorkerOutcome(done.Job.Name, done.Process.ExitCode, done.Clock.Elapsed.TotalSeconds, done.CpuSeconds);
                    done.Process.Dispose();
                    running.Remove(done);
                }
            }
        }
        finally
        {
            foreach (var child in running)
            {
                Interrupt(child.Process);
                child.Process.WaitForExit();
                child.Process.Dispose();
            }
        }
        return outcomes;
    }

    private static Running Start(WorkerJob job, int index, TextWriter output, object writeLock, SemaphoreSlim wakeUp)
    {
        var start = job.Start;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = false;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new Running(job, index, process);
        var prefix = "[" + job.Name + "] ";
        void Relay(string? line)
        {
            if (line is null) return;
            if (line.StartsWith(CpuMarker, StringComparison.Ordinal))
            {
                if (double.TryParse(line.AsSpan(CpuMarker.Length).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var cpu)) child.CpuSeconds = cpu;
                return;
            }
            lock (writeLock) output.WriteLine(prefix + line);
        }
        process.OutputDataReceived += (_, e) => Relay(e.Data);
        process.ErrorDataReceived += (_, e) => Relay(e.Data);
        process.Exited += (_, _) => wakeUp.Release();
        try
        {
            if (!process.Start()) throw new InvalidOperationException($"Could not start {start.FileName} for job {job.Name}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {start.FileName} for job {job.Name}: {e.Message}", e);
        }
        child.Clock.Restart();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGINT on Unix (the child's Ctrl+C path: it finishes the batch and keeps its work); elsewhere the child is killed.</summary>
    private static void Interrupt(Process process)
    {
        try
        {
            if (process.HasExited) return;
            if (OperatingSystem.IsWindows()) process.Kill(entireProcessTree: true);
            else _ = SendSignal(process.Id, SigInt);
        }
        catch (InvalidOperationException)
        {
            // it ended meanwhile
        }
    }

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private sealed class Running(WorkerJob job, int index, Process process)
    {
        public WorkerJob Job { get; } = job;
        public int Index { get; } = index;
        public Process Process { get; } = process;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public double? CpuSeconds { get; set; }
    }
}
