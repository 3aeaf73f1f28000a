using System.CommandLine;
using FusionKit.Experiments.Interaction;
using FusionKit.Models.Fusion;
using FusionKit.Runs;
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
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();

    public InteractionCommand() : base("interaction", "Answer generated questions about images: fusion methods vs prior, question-only and image-only; word vectors vs MiniLM.")
    {
        Add(_methods);
        Add(_encoders);
        Add(_profile);
        Add(_seeds);
        Add(_threads);
        Add(_device);
        Add(_out);
    }

    public override string Details => """
        Generates questions (what is it, is it a <class>, yes/no on an attribute, attribute value) over the profile's
        images from the attribute table and templates in data/interaction/, trains every fusion method and the
        baselines on (question, image) embeddings, and prints test accuracy per question type on images never seen in
        training, with seen and with held-out phrasings, mean ± std over seeds; the best fusion model is chosen on
        validation. Writes tables, charts and the attention picture into a new run folder under --out.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var seeds = CommonOptions.ResolveSeeds(parse, _seeds, profile);
        var config = InteractionConfig.Default with
        {
            Methods = parse.GetValue(_methods) is { } m ? OptionRules.List(m) : InteractionConfig.Default.Methods,
            TextEncoders = parse.GetValue(_encoders) is { } e ? OptionRules.List(e) : InteractionConfig.Default.TextEncoders,
            Threads = parse.GetValue(_threads),
            Device = device,
        };
        var data = InteractionData.Load(profile, config, output, context.Cancel);
        var result = InteractionExperiment.Run(data, config, seeds, output, context.Cancel);
        var folder = RunFolder.Create("interaction", profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        result.Save(folder);
        InteractionPictures.Experiment(result, data)?.SavePng(Path.Combine(folder, "attention.png"));
        output.WriteLine();
        output.Write(result.Text());
        output.WriteLine($"results: {folder}");
        return 0;
    }
}
