using System.CommandLine;
using System.Globalization;
using FusionKit.Experiments.Interaction;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Training;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit interaction`: the generated question-answering experiment (<see cref="InteractionExperiment"/>).</summary>
public sealed class InteractionCommand : CliCommand
{
    private static readonly IReadOnlyList<string> AnswerMethods = FusionMethods.Names.Where(m => m != FusionMethods.Late).ToArray();

    private readonly Option<string?> _methods = new Option<string?>("--methods")
    {
        Description = $"comma-separated fusion methods to compare (default: {string.Join(",", InteractionConfig.Default.Methods)})",
        HelpName = "LIST",
    }.ListOf(AnswerMethods);
    private readonly Option<string?> _encoders = new Option<string?>("--encoders")
    {
        Description = $"comma-separated question encoders (default: {string.Join(",", InteractionConfig.Default.TextEncoders)})",
        HelpName = "LIST",
    }.ListOf(TextEncoders.Names);
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int[]?> _seeds = CommonOptions.Seeds();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<int> _jobs = CommonOptions.Jobs();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();
    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "an existing interaction run folder to continue: its finished models are loaded, not trained again (default: none, a new run folder)",
        HelpName = "RUN-DIR",
    };
    private readonly Option<string?> _worker = CommonOptions.TrainingWorker();
    private readonly Option<string> _job = CommonOptions.TrainingJob();

    public InteractionCommand() : base(CliWorker.InteractionCommand, "Answer generated questions about images: fusion methods vs prior, question-only and image-only; word vectors vs MiniLM.")
    {
        Add(_methods);
        Add(_encoders);
        Add(_profile);
        Add(_seeds);
        Add(_threads);
        Add(_jobs);
        Add(_device);
        Add(_out);
        Add(_resume);
        Add(_worker);
        Add(_job);
    }

    public override string Details => """
        Generates questions (what is it, is it a <class>, yes/no on an attribute, attribute value) over the profile's
        images from the attribute table and templates in data/interaction/, trains every fusion method and the
        baselines on (question, image) embeddings, and prints test accuracy per question type on images never seen in
        training, with seen and with held-out phrasings, mean ± std over seeds; the best fusion model is chosen on
        validation. Writes tables, charts and the attention picture into a new run folder under --out, with one file
        per trained model and seed under runs/. With --jobs above 1 the models are trained side by side, each job in its
        own process with --threads torch threads (lines prefixed with the job); the numbers are those of --jobs 1, bit for
        bit. Ctrl+C stops after the current batch; --resume RUN-DIR trains only the models not finished.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        if (parse.GetValue(_worker) is { } queue)
        {
            // A job of a run that started this process: everything it needs is in the queue's folder. The run printed the
            // platform's start-up notices already; each job repeating them would bury the progress lines.
            // A helper that a free core started may come before the section has opened its queue: it waits for it.
            TorchRuntime.Notices = TextWriter.Null;
            if (new TrainingQueue(queue).WaitUntilOpen(context.Cancel))
            {
                var (workProfile, workConfig, workSeeds) = InteractionExperiment.ReadWork(queue);
                var workData = InteractionData.Load(workProfile, workConfig, TextWriter.Null, context.Cancel);
                var computed = InteractionExperiment.Work(workData, workConfig, workSeeds, queue, parse.GetValue(_job)!, output, context.Cancel);
                if (computed == 0) output.WriteLine("no model was left to train");
            }
            else output.WriteLine("every model was trained already");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerProcesses.CpuMarker} {RunTiming.CpuTime().TotalSeconds:F3}"));
            return 0;
        }
        var device = CommonOptions.ResolveDevice(parse, _device);
        var resume = parse.GetValue(_resume) is { } resumePath ? CommonOptions.OpenRun(resumePath, Name) : null;
        if (resume is not null && CommonOptions.IsGiven(parse, _out)) throw new CliUsageException("Give either --out (a new run) or --resume (an existing run), not both.");
        var profile = CommonOptions.ResolveProfile(parse, _profile, fallback: resume?.Profile);
        if (resume is not null && profile.Name != resume.Profile)
            throw new CliUsageException($"--resume: {resume.Id} ran on the {resume.Profile} profile, not {profile.Name}; drop --profile to continue it.");
        var seeds = CommonOptions.ResolveSeeds(parse, _seeds, profile);
        var config = InteractionConfig.Default with
        {
            Methods = parse.GetValue(_methods) is { } m ? OptionRules.List(m) : InteractionConfig.Default.Methods,
            TextEncoders = parse.GetValue(_encoders) is { } e ? OptionRules.List(e) : InteractionConfig.Default.TextEncoders,
            Threads = parse.GetValue(_threads),
            Device = device,
        };
        var folder = resume?.Path ?? RunFolder.Create(Name, profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        output.WriteLine($"run folder: {folder}");
        var data = InteractionData.Load(profile, config, output, context.Cancel);
        var cli = typeof(InteractionCommand).Assembly.Location;
        InteractionResult result;
        try
        {
            result = InteractionExperiment.Run(data, config, seeds, Path.Combine(folder, RunsFolder), parse.GetValue(_jobs),
                                               (runs, job) => CliWorker.StartTrainings(cli, Name, runs, job), output, context.Cancel);
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or InvalidOperationException)
        {
            output.WriteLine($"finished models are kept in {Path.Combine(folder, RunsFolder)}; continue with: fusionkit {Name} --resume {folder}");
            throw;
        }
        result.Save(folder);
        InteractionPictures.Experiment(result, data)?.SavePng(Path.Combine(folder, "attention.png"));
        output.WriteLine();
        output.Write(result.Text());
        output.WriteLine($"results: {folder}");
        return 0;
    }

    /// <summary>The run folder's subfolder of finished models (one file per model and seed).</summary>
    public const string RunsFolder = "runs";
}
