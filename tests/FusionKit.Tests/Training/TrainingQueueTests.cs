using System.Collections.Concurrent;
using System.Diagnostics;
using FusionKit.Training;

namespace FusionKit.Tests.Training;

/// <summary>
/// The training queue: every unfinished run computed exactly once, finished runs never again, a failed worker named with
/// the run it failed on, Ctrl+C stopping every worker with finished runs kept. The workers here are shell scripts that
/// follow the queue's folder protocol (take each key of queue.txt whose claim they create first, then write key.json),
/// so these tests need no torch; the interaction experiment's tests run the kit's own workers.
/// </summary>
public class TrainingQueueTests
{
    private static readonly string[] Keys = ["seed0-a", "seed0-b", "seed1-a", "seed1-b"];

    private static void Save(TrainingQueue queue, string key) => File.WriteAllText(queue.ResultPath(key), $"{{\"key\":\"{key}\"}}");

    // A worker in sh: for each key not finished, claim it with noclobber (O_EXCL, like the kit's create-new), then run $STEP.
    // `env --default-signal=INT` gives the shell SIGINT's default handling whatever the test host inherited (see WorkerProcessesTests).
    private static Func<string, ProcessStartInfo> ShellWorker(string folder, string step) => job =>
    {
        var start = new ProcessStartInfo("/usr/bin/env");
        foreach (var arg in new[] { "--default-signal=INT", "/bin/sh", "-c", Script(step), "worker", folder, job }) start.ArgumentList.Add(arg);
        return start;
    };

    private static string Script(string step) => $$"""
        cd "$1"; JOB="$2"; mkdir -p claims
        while read -r key; do
          [ -z "$key" ] && continue
          [ -f "$key.json" ] && continue
          ( set -C; printf '%s' "$JOB" > "claims/$key" ) 2>/dev/null || continue
          {{step}}
        done < queue.txt
        """;

    private const string Finish = """echo "done $key"; printf '{"key":"%s"}' "$key" > "$key.json.tmp"; mv "$key.json.tmp" "$key.json" """;

    [Fact]
    public void OneJob_ComputesEachUnfinishedRunOnce_InTheOrderGiven_AndNeverAFinishedOne()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        Save(queue, "seed0-b"); // finished by an earlier, interrupted run
        var computed = new List<string>();

        var outcomes = queue.Run(Keys, jobs: 1, worker: null, key => { computed.Add(key); Save(queue, key); }, log: null);

        Assert.Empty(outcomes); // computed in this process
        Assert.Equal(["seed0-a", "seed1-a", "seed1-b"], computed);
        Assert.All(Keys, k => Assert.True(queue.IsDone(k)));
        Assert.Equal(Keys, File.ReadAllLines(Path.Combine(temp.Path, TrainingQueue.OrderFile)));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder))); // cleared once every run is finished

        // A rerun on the finished folder computes nothing.
        queue.Run(Keys, jobs: 2, worker: _ => throw new InvalidOperationException("no worker is needed"), key => computed.Add("again " + key), log: null);
        Assert.Equal(3, computed.Count);
    }

    [Fact]
    public void JobsSharingAFolder_TakeEachRunExactlyOnce()
    {
        using var temp = new TempFolder();
        var keys = Enumerable.Range(0, 40).Select(i => $"run{i}").ToArray();
        var queue = new TrainingQueue(temp.Path);
        File.WriteAllLines(Path.Combine(temp.Path, TrainingQueue.OrderFile), keys); // what Run writes before it starts the jobs:
        Directory.CreateDirectory(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder)); // the order and a fresh claims folder
        var byJob = new ConcurrentDictionary<string, string>();
        void Job(string name) => new TrainingQueue(temp.Path).Work(name, key =>
        {
            Assert.True(byJob.TryAdd(key, name), $"{key} computed twice");
            Thread.Sleep(1);
            Save(queue, key);
        }, log: null);

        Parallel.Invoke(() => Job("job 1"), () => Job("job 2"), () => Job("job 3"));

        Assert.Equal(keys.Order(), byJob.Keys.Order());
        Assert.All(keys, k => Assert.True(queue.IsDone(k)));
    }

    [Fact]
    public void TwoWorkerProcesses_ComputeEveryRun_WithTheirLinesPrefixed()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        var log = new StringWriter();

        var outcomes = queue.Run(Keys, jobs: 2, ShellWorker(temp.Path, Finish), key => throw new InvalidOperationException("computed in a worker, not here"), log);

        Assert.Equal(["job 1", "job 2"], outcomes.Select(o => o.Name));
        Assert.All(outcomes, o => Assert.Equal(0, o.ExitCode));
        Assert.All(Keys, k => Assert.Equal($"{{\"key\":\"{k}\"}}", File.ReadAllText(queue.ResultPath(k))));
        var done = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("] done ")).ToArray();
        Assert.Equal(Keys.Length, done.Length); // each run once, by one of the two jobs
        Assert.All(done, l => Assert.Matches(@"^\[job [12]\] done seed\d-[ab]$", l));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder))); // claims are cleared at the end
    }

    [Fact]
    public void AFailingWorker_IsReported_WithTheRunItFailedOn_AndFinishedRunsStay()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        // seed1-a fails in whichever job takes it; the other runs finish (or are interrupted by the failure).
        var step = """if [ "$key" = seed1-a ]; then echo "broken $key" >&2; exit 3; fi; sleep 0.2; """ + Finish;

        var error = Assert.Throws<InvalidOperationException>(() => queue.Run(Keys, jobs: 2, ShellWorker(temp.Path, step), _ => { }, log: null));

        Assert.Contains("while computing run seed1-a", error.Message);
        Assert.Matches(@"Training job [12] failed \(exit code 3\)", error.Message);
        Assert.Contains(temp.Path, error.Message); // where the finished runs are kept
        Assert.True(queue.IsDone("seed0-a"));       // taken first, finished before the failure
        Assert.False(queue.IsDone("seed1-a"));

        // The rerun (after fixing the cause) computes what is missing, in this process, and nothing finished twice.
        var computed = new List<string>();
        queue.Run(Keys, jobs: 1, worker: null, key => { computed.Add(key); Save(queue, key); }, log: null);
        Assert.Contains("seed1-a", computed);
        Assert.DoesNotContain("seed0-a", computed);
        Assert.All(Keys, k => Assert.True(queue.IsDone(k)));
    }

    [Fact]
    public void Cancelling_InterruptsEveryWorker_AndKeepsTheFinishedRuns()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        // seed0-a finishes at once; every other run waits to be interrupted and exits 130 as the kit does on Ctrl+C.
        var step = """if [ "$key" = seed0-a ]; then """ + Finish + """; continue; fi; trap 'echo "interrupted $key"; kill $!; exit 130' INT; sleep 30 >/dev/null 2>&1 & wait""";
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var log = new StringWriter();
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => queue.Run(Keys, jobs: 2, ShellWorker(temp.Path, step), _ => { }, log, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(2, log.ToString().Split('\n').Count(l => l.Contains("] interrupted seed")));
        Assert.True(queue.IsDone("seed0-a"));
        Assert.Equal(1, Keys.Count(queue.IsDone));
    }

    [Fact]
    public void AJobJoiningFromOutside_WaitsForTheQueueToOpen_TakesRuns_AndTheOwnerReturnsOnlyWhenTheyAreFinished()
    {
        using var temp = new TempFolder();
        var keys = Enumerable.Range(0, 6).Select(i => $"run{i}").ToArray();
        var byJob = new ConcurrentDictionary<string, string>();
        using var helperTookOne = new ManualResetEventSlim();
        // The helper starts first, as a run's helper process may: before any queue exists in the folder.
        var helperComputed = 0;
        Exception? helperFailure = null;
        var helper = new Thread(() =>
        {
            try
            {
                var queue = new TrainingQueue(temp.Path);
                if (!queue.WaitUntilOpen()) return;
                helperComputed = queue.Work("helper", key =>
                {
                    if (!byJob.TryAdd(key, "helper")) throw new InvalidOperationException($"{key} computed twice");
                    helperTookOne.Set();
                    Thread.Sleep(400); // still training when the owner runs out of runs to take
                    Save(queue, key);
                }, log: null);
            }
            catch (Exception e)
            {
                helperFailure = e;
            }
        });
        helper.Start();
        var owner = new TrainingQueue(temp.Path);

        owner.Run(keys, jobs: 1, worker: null, key =>
        {
            if (key == "run0") Assert.True(helperTookOne.Wait(TimeSpan.FromSeconds(10)), "the helper never joined the open queue");
            Assert.True(byJob.TryAdd(key, "owner"), $"{key} computed twice");
            Save(owner, key);
        }, log: null);

        Assert.All(keys, k => Assert.True(owner.IsDone(k), $"{k} unfinished when Run returned")); // it waited for the helper's run
        Assert.Equal(keys.Order(), byJob.Keys.Order());
        Assert.Contains("helper", byJob.Values);
        Assert.True(helper.Join(TimeSpan.FromSeconds(10)));
        Assert.Null(helperFailure);
        Assert.True(helperComputed >= 1);
        Assert.False(File.Exists(Path.Combine(temp.Path, TrainingQueue.OwnerFile))); // closed again
        Assert.False(Directory.Exists(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder)));
        Assert.False(new TrainingQueue(temp.Path).WaitUntilOpen()); // a helper that comes now has nothing to do
    }

    [Fact]
    public void AJobJoiningFromOutside_DoesNotTakeRunsFromAnInterruptedQueue()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        // What an interrupted queue leaves: its order, a claim, and the owner file of a process that has ended.
        File.WriteAllLines(Path.Combine(temp.Path, TrainingQueue.OrderFile), Keys);
        Directory.CreateDirectory(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder));
        File.WriteAllText(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder, "seed0-a"), "job 1\n2147483646 0");
        File.WriteAllText(Path.Combine(temp.Path, TrainingQueue.OwnerFile), "2147483646 0");
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        Assert.ThrowsAny<OperationCanceledException>(() => queue.WaitUntilOpen(soon.Token)); // still waiting for a live owner
    }

    [Fact]
    public void ARunTakenByAJobThatEnded_IsNamed_WithTheRunAndTheJob()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        void Compute(string key)
        {
            // While the owner trains its first run, a helper (process 2147483646, which does not exist) took seed0-b and died.
            if (key == "seed0-a") File.WriteAllText(Path.Combine(temp.Path, TrainingQueue.ClaimsFolder, "seed0-b"), "helper 1\n2147483646 0");
            Save(queue, key);
        }

        var error = Assert.Throws<InvalidOperationException>(() => queue.Run(Keys, jobs: 1, worker: null, Compute, log: null));

        Assert.Contains("Training helper 1 took run seed0-b and ended but run seed0-b is not finished", error.Message);
        Assert.Contains("run again to compute it", error.Message);
        Assert.All(Keys.Where(k => k != "seed0-b"), k => Assert.True(queue.IsDone(k)));
        Assert.False(File.Exists(Path.Combine(temp.Path, TrainingQueue.OwnerFile))); // no helper waits on a failed queue
    }

    [Fact]
    public void AKeyThatIsNotAFileName_IsRefused()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<ArgumentException>(() => new TrainingQueue(temp.Path).ResultPath("../escape"));
        Assert.Contains("'../escape'", error.Message);
    }

    private sealed record Outcome(string Model, double Seconds);

    [Fact]
    public void ASavedResult_ReadsBack_AndAnUnreadableOne_IsNamedWithWhatToDo()
    {
        using var temp = new TempFolder();
        var queue = new TrainingQueue(temp.Path);
        queue.Save("seed0-gated", new Outcome("gated", 12.5));
        Assert.True(queue.IsDone("seed0-gated"));
        Assert.Equal(new Outcome("gated", 12.5), queue.Load<Outcome>("seed0-gated", "test outcome"));

        File.WriteAllText(queue.ResultPath("seed1-gated"), "{ not json");
        var error = Assert.Throws<InvalidDataException>(() => queue.Load<Outcome>("seed1-gated", "test outcome"));
        Assert.Contains(queue.ResultPath("seed1-gated"), error.Message);
        Assert.Contains("not a readable test outcome", error.Message);
        Assert.Contains("delete it to train that model again", error.Message);
        File.WriteAllText(queue.ResultPath("seed2-gated"), "null");
        Assert.Contains("is empty", Assert.Throws<InvalidDataException>(() => queue.Load<Outcome>("seed2-gated", "test outcome")).Message);
    }
}
