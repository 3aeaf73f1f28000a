using System.CommandLine;
using System.Globalization;
using FusionKit.Experiments.Generation;
using FusionKit.Platform;
using FusionKit.Runs;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit gan evaluate`: the measured generation experiment (<see cref="GenerationExperiment"/>).</summary>
public sealed class GanEvaluateCommand : CliCommand
{
    private readonly Option<int?> _perClass = new Option<int?>("--judge-per-class") { Description = "generated and real images per class the judge compares (default: smoke 20, default 100)" }.InRange(2, 1000);
    private readonly Option<bool> _noBaselines = new("--no-baselines") { Description = "score the text model only (default: also the one-hot and unconditional baselines)" };
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<int> _jobs = CommonOptions.Jobs();
    private readonly Option<string?> _worker = CommonOptions.TrainingWorker();
    private readonly Option<string> _job = CommonOptions.TrainingJob();

    public GanEvaluateCommand() : base(CliWorker.GenerationCommand, "Measure the text-to-image GAN and its baselines: conditional accuracy, Fréchet distance (ResNet18 features), precision/recall, CAS.")
    {
        Add(_perClass);
        Add(_noBaselines);
        Add(_profile);
        Add(_seeds);
        Add(_device);
        Add(_out);
        Add(_threads);
        Add(_jobs);
        Add(_worker);
        Add(_job);
    }

    public override string Details => """
        Per seed: trains (or reuses, in the run folder) the text-conditioned GAN and, with the same networks, the one-hot
        and unconditional baselines; draws images for every class and scores them with the generation judge beside
        its references (real held-out images: the floor; class-shuffled real images and noise: ceilings). The text
        model is scored under training and held-out phrasings. Writes summary.csv, per-class.csv,
        scores-per-seed.csv, charts.html and sample/restyle grids into a new run folder; tables are mean ± std over
        seeds. Captions are generated from class labels, and every output says so. With --jobs above 1 the GANs train
        side by side, each job in its own process with --threads torch threads (lines prefixed with the job); each
        training seeds itself, so the weights are those of --jobs 1.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        if (parse.GetValue(_worker) is { } queue)
        {
            // A job of a run that started this process: what to train is in the queue's folder.
            TorchRuntime.Notices = TextWriter.Null;
            GenerationTrainings.Work(queue, parse.GetValue(_job)!, output, context.Cancel);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProcesses.CpuMarker} {RunTiming.CpuTime().TotalSeconds:F3}"));
            return 0;
        }
        var device = CommonOptions.ResolveDevice(parse, _device);
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var folder = RunFolder.Create("generation", profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        var result = GenerationExperiment.Run(profile, folder, new GenerationExperimentOptions
        {
            Seeds = parse.GetValue(_seeds), JudgePerClass = parse.GetValue(_perClass), Baselines = !parse.GetValue(_noBaselines),
            Generation = GenerationOptions.ForProfile(profile) with { Device = device, Threads = parse.GetValue(_threads) },
        }, parse.GetValue(_jobs), (models, job) => CliWorker.StartTrainings(typeof(GanEvaluateCommand).Assembly.Location, Name, models, job), output, context.Cancel);
        output.WriteLine($"# {CaptionBank.Declaration}");
        output.WriteLine(SectionTables.Text(FusionKit.Charts.TableText.Headline(result.Summary, GenerationSection.SettingColumns)));
        foreach (var (model, seconds) in result.TrainingSeconds)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training time, {model}: {seconds:F0} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluation time: {result.EvaluationSeconds:F0} s"));
        output.WriteLine($"results: {folder}");
        return 0;
    }
}
