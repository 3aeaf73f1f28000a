using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Platform;

namespace FusionKit.Training;

/// <summary>
/// The independent trainings of one experiment (its runs: one model and seed each), computed one after another or side
/// by side in worker processes (<see cref="WorkerProcesses"/>, one torch generator and thread setting per process), with
/// the numbers of a sequential run: each run seeds torch itself (<see cref="Trainer"/>), so what it computes does not
/// depend on the process it ran in nor on the runs before it. The caller merges the finished runs in its own order.
/// The queue lives in a folder, which is also what a rerun resumes from:
/// <list type="bullet">
/// <item><c>&lt;key&gt;.json</c>: a finished run, written atomically by the caller's compute step (<see cref="Save"/>);
/// a run whose file exists is never computed again.</item>
/// <item><see cref="OrderFile"/>: the keys in the order the jobs take them (put the longest first: the last run to end
/// is then a short one).</item>
/// <item><c>claims/&lt;key&gt;</c>: created (create-new, so exactly one job wins) by the job that takes the run, holding
/// the job's name and its process; a failed job's unfinished claim names the run it failed on. The folder is made afresh
/// when a queue starts and removed when every run is finished: a job finds no run to take without it.</item>
/// <item><see cref="OwnerFile"/>: the process that runs the queue (<see cref="Run"/>), while it runs. A job that joins a
/// queue from outside (<see cref="WaitUntilOpen"/>: a section's helper, started when a core is free) waits for it, so it
/// never takes a run from the claims of an earlier, interrupted queue; the owner in turn waits for the runs such a job
/// took before it returns.</item>
/// </list>
/// Each job takes the next run of the order that is neither finished nor claimed, until none is left, so the jobs stay
/// busy whatever each run costs. Ctrl+C (the token) stops every job after its current batch; finished runs stay.
/// </summary>
/// <param name="folder">The queue's folder (created when missing).</param>
public sealed class TrainingQueue(string folder)
{
    /// <summary>The file listing the keys in the order the jobs take them, one per line.</summary>
    public const string OrderFile = "queue.txt";

    /// <summary>The subfolder of claims.</summary>
    public const string ClaimsFolder = "claims";

    /// <summary>The file naming the process that runs the queue, while it runs (process id and start time).</summary>
    public const string OwnerFile = "owner";

    /// <summary>The queue's folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));

    /// <summary>Where the run <paramref name="key"/> is saved when finished.</summary>
    /// <exception cref="ArgumentException">A key that is not a plain file name (letters, digits, '.', '-', '_').</exception>
    public string ResultPath(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new ArgumentException($"Run key '{key}' must be letters, digits, '.', '-' or '_' (it names a file).", nameof(key));
        return Path.Combine(Folder, key + ".json");
    }

    /// <summary>Whether the run <paramref name="key"/> is finished (its file exists).</summary>
    public bool IsDone(string key) => File.Exists(ResultPath(key));

    /// <summary>Saves the finished run <paramref name="key"/>'s result (JSON with the kit's options, atomically): what a
    /// compute step ends with.</summary>
    public void Save<T>(string key, T result) => AtomicFile.WriteAllText(ResultPath(key), JsonSerializer.Serialize(result, KitJson.Options));

    /// <summary>Reads the finished run <paramref name="key"/>'s result back.</summary>
    /// <param name="key">The run.</param>
    /// <param name="what">What the result is, for the error, e.g. "interaction run".</param>
    /// <exception cref="InvalidDataException">An empty or unreadable file (named; deleting it trains that run again).</exception>
    public T Load<T>(string key, string what)
    {
        var path = ResultPath(key);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), KitJson.Options) ?? throw new InvalidDataException($"{path} is empty; delete it to train that model again.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable {what} ({e.Message}); delete it to train that model again.", e);
        }
    }

    /// <summary>
    /// Computes every unfinished run of <paramref name="order"/>: in this process with <paramref name="compute"/> when
    /// <paramref name="jobs"/> is 1 or there is no <paramref name="worker"/>, else in <paramref name="jobs"/> worker
    /// processes side by side (at most one per unfinished run), each started by <paramref name="worker"/> with its job
    /// name ("job 1", "job 2", ...: the prefix of its lines) and calling <see cref="Work"/> on this folder. Jobs that joined
    /// from outside (<see cref="WaitUntilOpen"/>) may take runs too; this returns when the runs they took are finished.
    /// </summary>
    /// <returns>How each worker ended (empty when the runs were computed here or were all finished).</returns>
    /// <exception cref="OperationCanceledException">Cancelled, here or in a worker (Ctrl+C).</exception>
    /// <exception cref="InvalidOperationException">A worker failed, or ended leaving a run unfinished: the run and the job are named.</exception>
    public IReadOnlyList<WorkerOutcome> Run(IReadOnlyList<string> order, int jobs, Func<string, ProcessStartInfo>? worker, Action<string> compute,
                                            TextWriter? log, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        if (order.Distinct(StringComparer.Ordinal).Count() != order.Count) throw new ArgumentException("Run keys repeat.", nameof(order));
        Directory.CreateDirectory(Folder);
        foreach (var key in order) _ = ResultPath(key); // each key names a file
        var claims = Path.Combine(Folder, ClaimsFolder);
        var owner = Path.Combine(Folder, OwnerFile);
        if (Directory.Exists(claims)) Directory.Delete(claims, recursive: true); // left by an interrupted queue: no job runs now
        AtomicFile.WriteAllText(Path.Combine(Folder, OrderFile), string.Join('\n', order) + "\n");
        var missing = order.Count(k => !IsDone(k));
        jobs = Math.Min(jobs, missing);
        if (missing == 0) return [];
        Directory.CreateDirectory(claims);
        AtomicFile.WriteAllText(owner, ProcessMark());
        try
        {
            IReadOnlyList<WorkerOutcome> outcomes = [];
            if (worker is null || jobs < 2) Work("this process", compute, log, cancel);
            else outcomes = RunWorkers(missing, jobs, worker, log, cancel);
            AwaitOthers(order, cancel);
            Directory.Delete(claims, recursive: true);
            return outcomes;
        }
        finally
        {
            File.Delete(owner);
        }
    }

    /// <summary>The jobs of <see cref="Run"/> in worker processes; throws for a failed or interrupted one.</summary>
    private IReadOnlyList<WorkerOutcome> RunWorkers(int missing, int jobs, Func<string, ProcessStartInfo> worker, TextWriter? log, CancellationToken cancel)
    {
        log?.WriteLine($"{missing} run(s) in {jobs} jobs side by side, each in its own process; lines prefixed with the job");
        var names = Enumerable.Range(1, jobs).Select(j => $"job {j}").ToArray();
        var outcomes = WorkerProcesses.Run(names.Select(n => new WorkerJob(n, worker(n))).ToArray(), jobs, log, cancel);
        cancel.ThrowIfCancellationRequested();
        // The job that failed, not one the pool interrupted because of it.
        if (outcomes.Where(o => o.ExitCode is not (null or 0)).OrderBy(o => o.ExitCode == InterruptedExitCode ? 1 : 0).FirstOrDefault() is { } failed)
        {
            if (failed.ExitCode == InterruptedExitCode) throw new OperationCanceledException($"The {failed.Name} worker was interrupted.");
            var runs = ClaimedUnfinished(failed.Name);
            var what = runs.Count > 0 ? $"while computing run {string.Join(", ", runs)}" : "before taking a run";
            throw new InvalidOperationException(
                $"Training {failed.Name} failed (exit code {failed.ExitCode}) {what}; its lines above start with [{failed.Name}]. " +
                $"Finished runs are kept in {Folder}: run again after fixing the cause to resume, or with one job to see the failure alone.");
        }
        return outcomes;
    }

    /// <summary>
    /// Waits for the runs that jobs from outside took (<see cref="WaitUntilOpen"/>) while their processes live: returns when
    /// every run of <paramref name="order"/> is finished.
    /// </summary>
    /// <exception cref="InvalidOperationException">A run is unfinished and no live job holds it: the run, and the job that
    /// took it, are named.</exception>
    private void AwaitOthers(IReadOnlyList<string> order, CancellationToken cancel)
    {
        foreach (var key in order)
            while (!IsDone(key))
            {
                var (job, process) = ReadClaim(key);
                if (process is null || !IsRunning(process))
                {
                    if (IsDone(key)) break; // finished just before its job ended
                    var who = job is null ? "Every job ended" : $"Training {job} took run {key} and ended";
                    throw new InvalidOperationException($"{who} but run {key} is not finished (no {ResultPath(key)}); finished runs are kept in {Folder}: run again to compute it.");
                }
                cancel.ThrowIfCancellationRequested();
                cancel.WaitHandle.WaitOne(PollInterval);
            }
    }

    /// <summary>
    /// For a job that joins the queue from outside, started before the queue may have begun (a run's helper process): waits
    /// until <see cref="Run"/> has opened the queue (its <see cref="OwnerFile"/> names a live process) or every run of the
    /// order is finished. Then <see cref="Work"/> takes what is left.
    /// </summary>
    /// <returns>True when the queue is open; false when every run is finished (nothing to help with).</returns>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public bool WaitUntilOpen(CancellationToken cancel = default)
    {
        var owner = Path.Combine(Folder, OwnerFile);
        var order = Path.Combine(Folder, OrderFile);
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (ReadText(owner) is { } mark && IsRunning(mark)) return true;
            if (ReadText(order) is { } keys && keys.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(IsDone)) return false;
            cancel.WaitHandle.WaitOne(PollInterval);
        }
    }

    /// <summary>How often waits look at the folder again.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The job's loop (a worker process's whole work, or the one-job path): takes each run of <see cref="OrderFile"/> in
    /// turn that is neither finished nor claimed by another job, claims it and computes it with <paramref name="compute"/>,
    /// which must save the run with <see cref="Save"/>. A run that throws is named on
    /// <paramref name="log"/> and the exception ends the loop. A queue that is not running (no claims folder) has no run to take.
    /// </summary>
    /// <param name="job">The job's name, written into its claims.</param>
    /// <param name="compute">Computes and saves the run of the given key.</param>
    /// <param name="log">Where a failed run is named; null = nowhere.</param>
    /// <param name="cancel">Checked before each run (and by <paramref name="compute"/> within it).</param>
    /// <returns>How many runs this job computed.</returns>
    /// <exception cref="FileNotFoundException">The folder has no <see cref="OrderFile"/> (not a queue's folder).</exception>
    /// <exception cref="InvalidOperationException">A run ended without saving its file.</exception>
    public int Work(string job, Action<string> compute, TextWriter? log, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(compute);
        var orderPath = Path.Combine(Folder, OrderFile);
        if (!File.Exists(orderPath)) throw new FileNotFoundException($"{Folder} is not a training queue's folder: it has no {OrderFile}.", orderPath);
        var claims = Path.Combine(Folder, ClaimsFolder);
        var computed = 0;
        foreach (var key in File.ReadAllLines(orderPath).Where(l => l.Length > 0))
        {
            cancel.ThrowIfCancellationRequested();
            if (IsDone(key) || !TryClaim(Path.Combine(claims, key), job) || IsDone(key)) continue;
            try
            {
                compute(key);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log?.WriteLine($"run {key} failed: {e.Message}");
                throw;
            }
            if (!IsDone(key)) throw new InvalidOperationException($"Run {key} ended without saving {ResultPath(key)}.");
            computed++;
        }
        return computed;
    }

    /// <summary>A worker's exit code after Ctrl+C (the CLI's).</summary>
    private const int InterruptedExitCode = 130;

    /// <summary>Claims a run for <paramref name="job"/>: its name, then this process's mark; false when another job holds
    /// it or the queue is closed (no claims folder: every run is finished, or none was started).</summary>
    private static bool TryClaim(string path, string job)
    {
        try
        {
            using var claim = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(claim);
            writer.Write(job + "\n" + ProcessMark());
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // another job took it
        }
    }

    /// <summary>The job holding the run's claim and the mark of its process (null when the claim names none); both null without a claim.</summary>
    private (string? Job, string? Process) ReadClaim(string key)
    {
        if (ReadText(Path.Combine(Folder, ClaimsFolder, key)) is not { } text) return (null, null);
        var lines = text.Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : null);
    }

    /// <summary>The runs <paramref name="job"/> claimed and did not finish.</summary>
    private List<string> ClaimedUnfinished(string job)
    {
        var claims = Path.Combine(Folder, ClaimsFolder);
        if (!Directory.Exists(claims)) return [];
        return Directory.EnumerateFiles(claims).Select(Path.GetFileName).OfType<string>().Where(k => ReadClaim(k).Job == job && !IsDone(k))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>This process as "id start": its start time (clock ticks after boot, from /proc; 0 where there is none)
    /// tells it from a later process given the same id.</summary>
    private static string ProcessMark()
    {
        var id = Environment.ProcessId;
        return string.Create(CultureInfo.InvariantCulture, $"{id} {StartTime(id) ?? 0}");
    }

    /// <summary>Whether the process of a <see cref="ProcessMark"/> still runs.</summary>
    private static bool IsRunning(string mark)
    {
        var parts = mark.Trim().Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start))
            return false;
        if (StartTime(id) is { } now) return now == start;
        if (File.Exists("/proc/self/stat")) return false; // a system with /proc that has no such process
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // no such process, or it ended meanwhile
        }
    }

    /// <summary>A process's start time in clock ticks after boot (field 22 of /proc/ID/stat), or null without it. Read as the
    /// kernel keeps it, not through <see cref="Process.StartTime"/>, which each process converts to a date slightly differently.</summary>
    private static long? StartTime(int id)
    {
        if (ReadText($"/proc/{id}/stat") is not { } stat) return null;
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries); // after the name, which may hold spaces
        return fields.Length > 19 && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>A file's text, or null when it does not exist or cannot be read now (it vanished, or its process ended while read).</summary>
    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
