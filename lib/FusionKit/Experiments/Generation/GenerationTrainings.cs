using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Platform;
using FusionKit.Training;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// The GAN trainings of a generation experiment (every conditioning for every seed) as the runs of a
/// <see cref="TrainingQueue"/> in the experiment's <c>models/</c> folder: computed one after another in this process, or
/// side by side by worker processes (<c>fusionkit gan evaluate --worker FOLDER --job NAME</c>). Each training seeds torch
/// itself (<see cref="TextToImageTraining.Train"/>), so its weights do not depend on the job that computes it. A run's
/// model lives in <c>models/KEY/</c> (KEY such as "text-seed0"), its record (training seconds) in <c>models/KEY.json</c>;
/// a rerun on the same folder trains only what is missing.
/// </summary>
public static class GenerationTrainings
{
    /// <summary>The file in the queue's folder that holds what every run is computed with.</summary>
    public const string WorkFile = "work.json";

    /// <summary>What a finished run records beside its model.</summary>
    /// <param name="TrainingSeconds">Wall-clock seconds of the GAN's (and image encoder's) training.</param>
    /// <param name="CpuSeconds">CPU seconds of the process while it trained this run.</param>
    public sealed record RunRecord(double TrainingSeconds, double CpuSeconds);

    /// <summary>A run's queue key (and model folder name): the conditioning and the seed, e.g. "onehot-seed2".</summary>
    public static string Key(GenerationConditioning conditioning, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"{conditioning.ToString().ToLowerInvariant()}-seed{seed}");

    /// <summary>
    /// Trains every (seed, conditioning) run of <paramref name="options"/> that <paramref name="folder"/> does not hold yet:
    /// with <paramref name="jobs"/> above 1 and a <paramref name="worker"/>, in worker processes side by side, else here.
    /// </summary>
    /// <param name="folder">The queue's folder (the experiment's <c>models/</c>).</param>
    /// <param name="profile">Data profile (the workers read it from the work file).</param>
    /// <param name="options">The text model's settings (device and threads included); the baselines take the same with another conditioning.</param>
    /// <param name="conditionings">The models to train per seed.</param>
    /// <param name="seeds">Seeds.</param>
    /// <param name="jobs">Trainings at once (at least 1).</param>
    /// <param name="worker">Starts a worker for the folder and job name given; null = every training in this process.</param>
    /// <param name="log">Progress lines (a worker's prefixed with its job).</param>
    /// <param name="cancel">Stops every job between batches; finished runs and each run's per-epoch checkpoint stay.</param>
    /// <returns>Each run's record, by key.</returns>
    /// <exception cref="InvalidDataException">The folder holds runs of other settings, or a record that cannot be read (the file is named).</exception>
    /// <exception cref="InvalidOperationException">A worker failed (the run is named).</exception>
    public static IReadOnlyDictionary<string, RunRecord> Train(string folder, RunProfile profile, GenerationOptions options, IReadOnlyList<GenerationConditioning> conditionings,
        IReadOnlyList<int> seeds, int jobs, Func<string, string, ProcessStartInfo>? worker, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(conditionings);
        ArgumentNullException.ThrowIfNull(seeds);
        log ??= TextWriter.Null;
        var work = new WorkSettings(profile, seeds, conditionings, options, ComputeDevices.Name(options.Device));
        WriteWork(folder, work);
        var queue = new TrainingQueue(folder);
        var keys = seeds.SelectMany(s => conditionings.Select(c => Key(c, s))).ToArray();
        foreach (var key in keys.Where(queue.IsDone)) log.WriteLine($"gan {key}: trained earlier, loaded from {Path.Combine(folder, key)}");
        queue.Run(keys, jobs, worker is null ? null : job => worker(folder, job), key => Compute(queue, work, key, log, cancel), log, cancel);
        return keys.ToDictionary(k => k, k => queue.Load<RunRecord>(k, "training record"), StringComparer.Ordinal);
    }

    /// <summary>A worker's whole work: trains the runs of <paramref name="folder"/>'s queue that no other job took, with the
    /// settings of its work file (the device as the run that started the worker asked for it).</summary>
    /// <returns>How many runs this job trained.</returns>
    /// <exception cref="InvalidDataException">No readable work file in <paramref name="folder"/>.</exception>
    public static int Work(string folder, string job, TextWriter? log, CancellationToken cancel = default)
    {
        var work = ReadWork(folder);
        var queue = new TrainingQueue(folder);
        var settings = work with { Options = work.Options! with { Device = ComputeDevices.Parse(work.Device!) } };
        return queue.Work(job, key => Compute(queue, settings, key, log ?? TextWriter.Null, cancel), log, cancel);
    }

    /// <summary>What <see cref="WorkFile"/> holds.</summary>
    private sealed record WorkSettings(RunProfile? Profile, IReadOnlyList<int>? Seeds, IReadOnlyList<GenerationConditioning>? Conditionings, GenerationOptions? Options, string? Device);

    /// <summary>
    /// Trains one run of the folder's queue on its own, before (or without) the experiment that trains the rest: the model
    /// of <paramref name="options"/> (its conditioning and seed) in <c>folder/KEY/</c> and its record in <c>folder/KEY.json</c>,
    /// so that a later <see cref="Train"/> on the folder with the same settings loads it instead of training it again
    /// (notebook 10 trains the text model it draws from this way, then runs the experiment). When the folder already
    /// holds the run, it is loaded. The caller disposes the run's model.
    /// </summary>
    /// <exception cref="InvalidDataException">The run's folder holds a model of other settings (named, with what differs).</exception>
    public static TextToImageRun TrainOne(string folder, GenerationOptions options, TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(options);
        var queue = new TrainingQueue(folder);
        var key = Key(options.Conditioning, options.Seed);
        return TrainAndRecord(queue, options, key, log ?? TextWriter.Null, cancel, saveRecord: !queue.IsDone(key)); // a record kept: its seconds are the training's
    }

    private static void Compute(TrainingQueue queue, WorkSettings work, string key, TextWriter log, CancellationToken cancel)
    {
        var (seed, conditioning) = work.Seeds!.SelectMany(s => work.Conditionings!.Select(c => (Seed: s, Conditioning: c))).Single(r => Key(r.Conditioning, r.Seed) == key);
        TrainAndRecord(queue, work.Options! with { Conditioning = conditioning, Seed = seed }, key, log, cancel, saveRecord: true).Model.Dispose();
    }

    /// <summary>Trains (or resumes) the run <paramref name="key"/> in its folder of the queue and, when asked, saves its record.</summary>
    private static TextToImageRun TrainAndRecord(TrainingQueue queue, GenerationOptions options, string key, TextWriter log, CancellationToken cancel, bool saveRecord)
    {
        var cpuBefore = CpuSeconds();
        var run = TextToImageTraining.Train(options, Path.Combine(queue.Folder, key), log, cancellationToken: cancel);
        if (!saveRecord) return run;
        var record = new RunRecord(run.TrainingSeconds, CpuSeconds() - cpuBefore);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gan {key}: trained in {record.TrainingSeconds:F0} s ({record.CpuSeconds:F0} s CPU)"));
        queue.Save(key, record);
        return run;
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static WorkSettings ReadWork(string folder)
    {
        var path = Path.Combine(folder, WorkFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{path} is missing: {folder} is not a folder of GAN trainings.");
        try
        {
            var work = JsonSerializer.Deserialize<WorkSettings>(File.ReadAllText(path), KitJson.Options);
            if (work?.Profile is null || work.Seeds is null || work.Conditionings is null || work.Options is null || work.Device is null)
                throw new InvalidDataException($"{path} is incomplete; delete the folder to start over.");
            return work;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable work file ({e.Message}); delete the folder to start over.", e);
        }
    }

    /// <summary>Writes the work file; a folder holding runs of another profile or other settings (threads and device aside) is refused.</summary>
    private static void WriteWork(string folder, WorkSettings work)
    {
        var path = Path.Combine(folder, WorkFile);
        static string Settings(WorkSettings w) => JsonSerializer.Serialize(w with { Options = w.Options! with { Threads = null }, Device = null }, KitJson.Compact);
        if (File.Exists(path) && Settings(ReadWork(folder)) != Settings(work))
            throw new InvalidDataException($"{folder} holds GAN trainings of other settings ({path}); use another run folder, or delete it to start over.");
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(work, KitJson.Options));
    }
}
