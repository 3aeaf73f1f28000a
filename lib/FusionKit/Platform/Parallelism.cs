namespace FusionKit.Platform;

/// <summary>
/// The two settings that decide how a run uses the machine's cores, documented once here (the CLI's <c>--threads</c> and
/// <c>--jobs</c>, the run pipeline's Threads and Jobs, the notebooks' session):
/// <list type="bullet">
/// <item><b>threads</b>: torch intra-op and encoder threads of ONE job (default <see cref="DefaultThreads"/>). A head of
/// 896-512-10 at batch 32 gains little from a second thread; a second job gains nearly twice.</item>
/// <item><b>jobs</b>: how many independent parts of a run compute at once, each in its own process
/// (<see cref="WorkerProcesses"/>: one process per part, so each keeps its own random generator and its numbers are
/// those of a sequential run, bit for bit). Default <see cref="DefaultJobs"/>: one per core. The main job's parts are its
/// sections; the interaction experiment's parts are its trainings, one per model and seed, and the generation experiment's
/// its GAN trainings, one per conditioning and seed (<c>FusionKit.Training.TrainingQueue</c>), also when the main job
/// computes those sections in its own process. Embedding the images (when not cached) happens
/// first, on every core, before any job starts.</item>
/// </list>
/// Jobs x threads should not exceed the cores; with several jobs, keep threads at 1.
/// </summary>
public static class Parallelism
{
    /// <summary>Torch threads per job unless set: 1.</summary>
    public const int DefaultThreads = 1;

    /// <summary>Jobs unless set: one per core of this machine (<see cref="Environment.ProcessorCount"/>).</summary>
    public static int DefaultJobs => Math.Max(1, Environment.ProcessorCount);

    /// <summary>The one-sentence meaning of both settings, for help texts.</summary>
    public const string Semantics =
        "how many parts of a run (the main job's sections; the trainings of interaction and generation, one per model and seed) compute at once, each in its own process with --threads torch threads; "
        + "the numbers equal those of one job, bit for bit; keep jobs x threads within the cores";
}
