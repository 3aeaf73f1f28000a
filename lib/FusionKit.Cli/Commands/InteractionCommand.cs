using FusionKit.Experiments;
using FusionKit.Experiments.Interaction;
using FusionKit.Fusion;
using FusionKit.Interactive;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit interaction`: the generated question-answering experiment (<see cref="InteractionExperiment"/>).</summary>
public sealed class InteractionCommand : ICliCommand
{
    public string Name => "interaction";
    public string Summary => "Answer generated questions about images: fusion methods vs prior, question-only and image-only; word vectors vs MiniLM.";
    public string Usage => """
        fusionkit interaction [--profile smoke|default] [--seeds 0,1,2] [--methods concat,gated,bilinear,cross-attention]
                              [--encoders wordvec,minilm] [--threads N]

        Generates questions (what is it, is it a <class>, yes/no on an attribute, attribute value) over the profile's
        images from the attribute table and templates in data/interaction/, trains every fusion method and the
        baselines on (question, image) embeddings, and prints test accuracy per question type on images never seen in
        training, with seen and with held-out phrasings, mean ± std over seeds. Writes tables, charts and the
        attention picture under results/interaction-<profile>-<time>/.
          --profile   smoke or default (FUSIONKIT_PROFILE)
          --seeds     model seeds (default: the profile's)
          --methods   fusion methods to compare (default concat,gated,bilinear,cross-attention)
          --encoders  question encoders (default wordvec,minilm)
          --threads   torch and encoder threads (default 1)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var profile = ExperimentCli.Profile(args);
        var seeds = List(args.String("seeds"), s => int.TryParse(s, out var v) && v >= 0 ? v : throw new CliUsageException($"--seeds: '{s}' is not a seed (a whole number >= 0).")) ?? profile.Seeds;
        var methods = List(args.String("methods"), m => FusionMethods.Names.Contains(m) ? m : throw new CliUsageException($"--methods: unknown method '{m}'; use {string.Join(", ", FusionMethods.Names)}."));
        var encoders = List(args.String("encoders"), e => FusionKit.Text.TextEncoders.Names.Contains(e) ? e : throw new CliUsageException($"--encoders: unknown encoder '{e}'; use {string.Join(", ", FusionKit.Text.TextEncoders.Names)}."));
        var threads = args.Int("threads", 1, min: 1, max: 256);
        args.EnsureAllUsed();
        if (args.Positional.Count > 0) throw new CliUsageException($"Unexpected argument '{args.Positional[0]}'.");
        var config = InteractionConfig.Default with
        {
            Methods = methods ?? InteractionConfig.Default.Methods,
            TextEncoders = encoders ?? InteractionConfig.Default.TextEncoders,
            Threads = threads,
        };
        using var cancel = EmbedCommand.CancelOnCtrlC();
        var data = InteractionData.Load(profile, config, output, cancel.Token);
        var result = InteractionExperiment.Run(data, config, seeds, output, cancel.Token);
        var folder = ExperimentCli.RunFolder("interaction", profile);
        result.Save(folder);
        InteractionPictures.Experiment(result, data)?.SavePng(Path.Combine(folder, "attention.png"));
        output.WriteLine();
        output.Write(result.Text());
        output.WriteLine($"results: {folder}");
        return 0;
    }

    private static IReadOnlyList<T>? List<T>(string? text, Func<string, T> parse) =>
        text is null ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToArray();
}
