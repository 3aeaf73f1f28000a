using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FusionKit.Data;
using FusionKit.Data.Manifest;
using FusionKit.Platform;

namespace FusionKit.Cli;

/// <summary>
/// The options several commands share, declared once here so each means the same in every command and is
/// documented once: <c>--profile</c>, <c>--threads</c>, <c>--jobs</c>, <c>--device</c>, <c>--seeds</c>, <c>--out</c>. Each call returns a new option
/// (a command owns its option objects); read the values with the resolvers below.
/// </summary>
public static class CommonOptions
{
    /// <summary>The default of <c>--threads</c>, the same in every command (<see cref="FusionKit.Platform.Parallelism.DefaultThreads"/>).</summary>
    public const int DefaultThreads = FusionKit.Platform.Parallelism.DefaultThreads;

    /// <summary><c>--profile smoke|default</c>; absent = FUSIONKIT_PROFILE, else default (<see cref="ResolveProfile"/>).</summary>
    public static Option<string?> Profile()
    {
        var option = new Option<string?>("--profile")
        {
            Description = $"how much data and how many seeds: smoke (100 train + 50 test images per class, seed 0) or default "
                          + $"(all 70,000 images, seeds 0,1,2) (default: {RunProfile.EnvironmentVariable}, else default)",
            HelpName = string.Join("|", RunProfile.All.Keys),
        };
        option.CompletionSources.Add(RunProfile.All.Keys.ToArray());
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && !RunProfile.All.ContainsKey(name))
                result.AddError($"--profile: Unknown profile '{name}': use one of {string.Join(", ", RunProfile.All.Keys)}.");
        });
        return option;
    }

    /// <summary>The profile given by <paramref name="option"/>, else <paramref name="fallback"/>, else FUSIONKIT_PROFILE,
    /// else default. A bad FUSIONKIT_PROFILE is a usage error naming the variable.</summary>
    public static RunProfile ResolveProfile(ParseResult parse, Option<string?> option, string? fallback = null)
    {
        if (parse.GetValue(option) is { } name) return RunProfile.Named(name);
        if (fallback is not null && RunProfile.All.TryGetValue(fallback, out var recorded)) return recorded;
        var fromEnvironment = Environment.GetEnvironmentVariable(RunProfile.EnvironmentVariable)?.Trim();
        if (string.IsNullOrEmpty(fromEnvironment)) return RunProfile.Default;
        return RunProfile.All.TryGetValue(fromEnvironment, out var profile)
            ? profile
            : throw new CliUsageException($"{RunProfile.EnvironmentVariable} is '{fromEnvironment}', not a profile: set it to one of "
                                          + $"{string.Join(", ", RunProfile.All.Keys)} or give --profile.");
    }

    /// <summary><c>--threads N|all</c>: torch and encoder threads (of each job, where the command has <see cref="Jobs"/>), <see cref="DefaultThreads"/> unless given.</summary>
    public static Option<int> Threads() =>
        new Option<int>("--threads")
        {
            Description = "torch and encoder threads (of each job, where the command has --jobs): a count, or all for every core of this machine (timings on a busy machine are steadier with 1)",
            HelpName = "N|all",
            DefaultValueFactory = _ => DefaultThreads,
            CustomParser = result => ParseCount(result, "--threads"),
        }.InRange(1, 256);

    /// <summary>The hidden <c>--worker FOLDER</c> of a command whose trainings a <see cref="FusionKit.Training.TrainingQueue"/> computes
    /// (<see cref="FusionKit.Runs.CliWorker.StartTrainings"/>): this process is one job of a run that started it.</summary>
    public static Option<string?> TrainingWorker() =>
        new(FusionKit.Runs.CliWorker.Option)
        {
            Description = "internal: train the runs of this folder's queue that no other job took, as one job of a run that started this process",
            HelpName = "FOLDER",
            Hidden = true,
        };

    /// <summary>The hidden <c>--job NAME</c> that goes with <see cref="TrainingWorker"/>: the job's name (its claims and the prefix of its lines).</summary>
    public static Option<string> TrainingJob() =>
        new(FusionKit.Runs.CliWorker.JobOption)
        {
            Description = "internal: the name of this worker's job",
            DefaultValueFactory = _ => "job",
            Hidden = true,
        };

    /// <summary>
    /// <c>--jobs N|all</c>: parts of a run computed at once, each in its own process; one per core unless given
    /// (<see cref="FusionKit.Platform.Parallelism"/> says what the two settings mean together).
    /// </summary>
    public static Option<int> Jobs() =>
        new Option<int>("--jobs")
        {
            Description = $"{FusionKit.Platform.Parallelism.Semantics}: a count, or all (default: all, one job per core: {FusionKit.Platform.Parallelism.DefaultJobs} here)",
            HelpName = "N|all",
            DefaultValueFactory = _ => FusionKit.Platform.Parallelism.DefaultJobs,
            CustomParser = result => ParseCount(result, "--jobs"),
        }.InRange(1, 256);

    /// <summary><c>--device auto|cpu|cuda</c>: where every model and batch of the command lives (auto unless given); read it
    /// with <see cref="ResolveDevice"/>.</summary>
    public static Option<string> Device() =>
        new Option<string>("--device")
        {
            Description = "where models and batches live: auto (default: cuda when TorchSharp sees a GPU, else cpu; `fusionkit doctor` "
                          + "says which), cpu, or cuda (needs a -p:TorchDevice=cuda build; README, GPU)",
            HelpName = string.Join("|", ComputeDevices.Names),
            DefaultValueFactory = _ => "auto",
        }.OneOf(ComputeDevices.Names);

    /// <summary>The device <c>--device</c> resolves to on this machine (cpu or cuda, never auto). Asking for cuda where
    /// TorchSharp sees none is a usage error naming the option and what to do.</summary>
    public static ComputeDevice ResolveDevice(ParseResult parse, Option<string> option)
    {
        var requested = ComputeDevices.Parse(parse.GetValue(option)!);
        try
        {
            return ComputeDevices.Resolve(requested).Device;
        }
        catch (ComputeDeviceUnavailableException)
        {
            throw new CliUsageException(ComputeDevices.CudaUnavailable($"{option.Name} {ComputeDevices.Name(requested)}"));
        }
    }

    /// <summary><c>--seeds 0,1,2</c>: the seeds every model of the command is repeated over; null = the profile's.</summary>
    public static Option<int[]?> Seeds() =>
        new("--seeds")
        {
            Description = "comma-separated seeds every model is trained with; tables are mean ± std over them (default: the profile's: smoke 0, default 0,1,2)",
            HelpName = "0,1,2",
            CustomParser = ParseSeeds,
        };

    /// <summary>The seeds given by <paramref name="option"/>, else <paramref name="profile"/>'s.</summary>
    public static IReadOnlyList<int> ResolveSeeds(ParseResult parse, Option<int[]?> option, RunProfile profile) =>
        IsGiven(parse, option) && parse.GetValue(option) is { Length: > 0 } seeds ? seeds : profile.Seeds;

    /// <summary>
    /// <c>--skip-bad</c>: the one bad-row policy of every command that reads a file of one's own (a manifest, a
    /// word-vector file): bad rows are left out and listed instead of stopping at the first.
    /// </summary>
    public static Option<bool> SkipBad(string appliesTo) =>
        new("--skip-bad")
        {
            Description = $"{appliesTo}: leave bad rows out and list them, instead of failing at the first (default: off)",
        };

    /// <summary>The bad-row policy <c>--skip-bad</c> asks for.</summary>
    public static BadRowPolicy ResolveBadRows(ParseResult parse, Option<bool> option) =>
        parse.GetValue(option) ? BadRowPolicy.Skip : BadRowPolicy.Fail;

    /// <summary><c>--out DIR</c>: the folder in which the command creates its run folder; null = the results folder.</summary>
    public static Option<string?> Out() =>
        new("--out")
        {
            Description = "folder the command's run folder is created in (default: FUSIONKIT_RESULTS, else results/ of this checkout)",
            HelpName = "DIR",
        };


    /// <summary>The folder run folders are created in: <c>--out</c> if given, else <see cref="KitPaths.ResultsDirectory"/>.</summary>
    public static string ResultsRoot(ParseResult parse, Option<string?> option) => parse.GetValue(option) ?? KitPaths.ResultsDirectory();

    /// <summary>The run folder given to <c>--resume</c>: an existing run folder of <paramref name="command"/>; otherwise a usage
    /// error naming the option and the folder.</summary>
    public static FusionKit.Runs.RunFolder OpenRun(string path, string command)
    {
        FusionKit.Runs.RunFolder run;
        try
        {
            run = FusionKit.Runs.RunFolder.Open(path);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
        {
            throw new CliUsageException("--resume: " + e.Message);
        }
        var article = "aeiou".Contains(command[0], StringComparison.Ordinal) ? "an" : "a";
        if (run.Command != command) throw new CliUsageException($"--resume: {run.Id} is a {run.Command} run, not {article} {command} run.");
        return run;
    }

    /// <summary>True when the user typed the option (not filled in from its default).</summary>
    public static bool IsGiven(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static int ParseCount(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text == "all") return Math.Max(1, Environment.ProcessorCount);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)) return count;
        result.AddError($"{option} takes a count or all; got '{text}'.");
        return 0;
    }

    private static int[]? ParseSeeds(ArgumentResult result) => ParseIntList(result, "--seeds", 0, "0,1,2");

    /// <summary><paramref name="name"/> as a comma list of distinct integers, each at least <paramref name="min"/>.</summary>
    /// <param name="example">A valid value for the error messages, e.g. "64,256".</param>
    public static Option<int[]?> IntList(string name, string description, int min, string example) =>
        new(name)
        {
            Description = description,
            HelpName = example,
            CustomParser = result => ParseIntList(result, name, min, example),
        };

    private static int[]? ParseIntList(ArgumentResult result, string name, int min, string example)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            result.AddError($"{name} needs at least one integer, e.g. {name} {example}.");
            return null;
        }
        var values = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
                result.AddError($"{name}: '{p}' is not an integer >= {min} (use e.g. {name} {example}).");
            else if (values.Contains(v))
                result.AddError($"{name}: {v} is given twice.");
            else
                values.Add(v);
        }
        return values.ToArray();
    }
}
