using System.Diagnostics;
using System.Globalization;
using FusionKit.Platform;
using FusionKit.Vision;

namespace FusionKit.Runs;

/// <summary>
/// How a run starts a worker of the kit's command line for one section (<see cref="RunPipeline.Worker"/>):
/// <c>dotnet FusionKit.Cli.dll case-study --resume RUN-DIR --sections S --seeds ... --epochs E --threads T --precision P --device D --worker</c>.
/// The worker computes the section into the run folder with one job and reports its CPU time; the run that started it
/// loads the section afterwards. Used by the <c>case-study</c> command (which starts itself) and by notebooks (which
/// start the checkout's built command line, <see cref="BuiltCli"/>).
/// </summary>
public static class CliWorker
{
    /// <summary>The hidden option of <c>fusionkit case-study</c> that makes it a worker.</summary>
    public const string Option = "--worker";

    /// <summary>The start of a worker computing <paramref name="section"/> of the run with these settings.</summary>
    /// <param name="cliAssembly">FusionKit.Cli.dll, run through the <c>dotnet</c> host (this process's host when it is one).</param>
    /// <param name="runDirectory">The run folder (it must exist: the worker resumes it).</param>
    /// <param name="section">The section to compute.</param>
    /// <param name="seeds">The run's seeds.</param>
    /// <param name="epochs">Epochs per case-study model.</param>
    /// <param name="threads">Torch threads of the worker.</param>
    /// <param name="precision">The image network's arithmetic of the run's embeddings (the worker reads the same cache entries).</param>
    /// <param name="device">Where the worker's models and batches live (auto lets the worker resolve it as the run did).</param>
    public static ProcessStartInfo Start(string cliAssembly, string runDirectory, RunSection section, IReadOnlyList<int> seeds, int epochs, int threads,
                                         ImagePrecision precision, ComputeDevice device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cliAssembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(seeds);
        var start = new ProcessStartInfo(Host());
        foreach (var arg in new[]
                 {
                     cliAssembly, "case-study", "--resume", runDirectory, "--sections", RunSections.Name(section), "--seeds", string.Join(',', seeds),
                     "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture),
                     "--precision", ImagePrecisionChoice.Name(precision), "--device", ComputeDevices.Name(device), Option,
                 })
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>The hidden option of a command whose runs a <see cref="FusionKit.Training.TrainingQueue"/> computes: its value is the
    /// queue's folder, and <see cref="JobOption"/> names the job.</summary>
    public const string JobOption = "--job";

    /// <summary>The command whose worker trains the interaction section's runs (<see cref="StartTrainings"/>).</summary>
    public const string InteractionCommand = "interaction";

    /// <summary>The command whose worker trains the generation section's GANs (<see cref="StartTrainings"/>).</summary>
    public const string GenerationCommand = "gan evaluate";

    /// <summary>The command whose worker trains <paramref name="section"/>'s runs: <see cref="InteractionCommand"/> or <see cref="GenerationCommand"/>.</summary>
    /// <exception cref="ArgumentException">A section whose trainings do not run in a queue.</exception>
    public static string TrainingCommand(RunSection section) => section switch
    {
        RunSection.Interaction => InteractionCommand,
        RunSection.Generation => GenerationCommand,
        _ => throw new ArgumentException($"The {RunSections.Name(section)} section has no training workers.", nameof(section)),
    };

    /// <summary>
    /// The start of a worker of a training queue (<see cref="FusionKit.Training.TrainingQueue"/>):
    /// <c>dotnet FusionKit.Cli.dll COMMAND --worker FOLDER --job NAME</c>. The worker reads what to compute from the folder
    /// (e.g. <see cref="FusionKit.Experiments.Interaction.InteractionExperiment.WorkFile"/>), takes runs until none is left and
    /// reports its CPU time on a <see cref="WorkerProcesses.CpuMarker"/> line.
    /// </summary>
    /// <param name="cliAssembly">FusionKit.Cli.dll, run through the <c>dotnet</c> host (this process's host when it is one).</param>
    /// <param name="command">The command's words, e.g. "interaction".</param>
    /// <param name="folder">The queue's folder.</param>
    /// <param name="job">The job's name (its claims and the prefix of its lines).</param>
    public static ProcessStartInfo StartTrainings(string cliAssembly, string command, string folder, string job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cliAssembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        var start = new ProcessStartInfo(Host());
        start.ArgumentList.Add(cliAssembly);
        foreach (var word in command.Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(word);
        foreach (var arg in new[] { Option, folder, JobOption, job }) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>This process's <c>dotnet</c> host when it is one, else <c>dotnet</c> from the PATH.</summary>
    private static string Host() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>
    /// The checkout's built command line (lib/FusionKit.Cli/bin/Release/net10.0/FusionKit.Cli.dll, what <c>./fusionkit</c>
    /// builds), or null when it is not built or was built from other sources than the library this process runs (its
    /// FusionKit.dll differs from this one): a worker of another build could compute other numbers or not know an option.
    /// </summary>
    public static string? BuiltCli()
    {
        if (KitPaths.RepositoryRoot() is not { } root) return null;
        var folder = Path.Combine(root, "lib", "FusionKit.Cli", "bin", "Release", "net10.0");
        var dll = Path.Combine(folder, "FusionKit.Cli.dll");
        var library = typeof(CliWorker).Assembly.Location;
        if (!File.Exists(dll) || library.Length == 0) return null;
        var cliLibrary = Path.Combine(folder, Path.GetFileName(library));
        return File.Exists(cliLibrary) && File.ReadAllBytes(cliLibrary).AsSpan().SequenceEqual(File.ReadAllBytes(library)) ? dll : null;
    }
}
