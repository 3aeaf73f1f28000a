using System.CommandLine;
using FusionKit.Experiments.Generation;
using FusionKit.Runs;
using FusionKit.Interactive;
using FusionKit.Text;
using FusionKit.Training;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit generate "prompt"`: draws clothes from a text prompt with the text-conditioned GAN.</summary>
public sealed class GenerateCommand : CliCommand
{
    private readonly Argument<string?> _prompt = new("prompt")
    {
        Description = "what to draw, quoted, e.g. \"a pair of ankle boots\"",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<int> _count = new Option<int>("--count") { Description = "images to draw", DefaultValueFactory = _ => 16 }.InRange(1, 1024);
    private readonly Option<int> _seed = new Option<int>("--seed") { Description = "seed of the latent vectors: the same seed draws the same images", DefaultValueFactory = _ => 0 }.InRange(0);
    private readonly Option<string> _encoder = EncoderOption();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string?> _out = CommonOptions.Out();

    public GenerateCommand() : base("generate", "Draw Fashion-MNIST-style clothes from a text prompt with the text-conditioned GAN; writes a PNG grid.")
    {
        Add(_prompt);
        Add(_count);
        Add(_seed);
        Add(_encoder);
        Add(_device);
        Add(_profile);
        Add(_threads);
        Add(_out);
    }

    /// <summary><c>--encoder minilm|wordvec</c>, shared with <c>gan train</c>.</summary>
    internal static Option<string> EncoderOption() =>
        new Option<string>("--encoder") { Description = "text encoder of captions and prompts", DefaultValueFactory = _ => "minilm" }.OneOf(TextEncoders.Names);

    public override string Details => """
        Embeds the prompt with the text encoder and draws --count 28x28 images from the GAN trained by
        `fusionkit gan train` (same --profile and --encoder, model seed 0). When that model does not exist yet it is
        trained first, with one progress line per epoch (resumable after Ctrl+C). Writes the grid into a new run
        folder under --out and prints its path. The model was trained on captions generated from class labels, not
        on captions written for each image.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var prompt = parse.GetValue(_prompt)?.Trim();
        if (string.IsNullOrWhiteSpace(prompt))
            throw new CliUsageException("Give one quoted prompt, e.g. fusionkit generate \"a pair of ankle boots\".");
        var count = parse.GetValue(_count);
        var seed = parse.GetValue(_seed);
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var options = GenerationOptions.ForProfile(profile) with
        {
            TextEncoder = parse.GetValue(_encoder)!,
            Threads = parse.GetValue(_threads),
            Device = device,
        };

        var modelFolder = TextToImageTraining.DefaultFolder(options, profile.Name);
        if (!TextToImageModel.Exists(Path.Combine(modelFolder, "model")))
            output.WriteLine($"no trained text-to-image model for profile {profile.Name} yet: training it now (`fusionkit gan train --profile {profile.Name}` does this ahead of time).");
        var run = TextToImageTraining.Train(options, modelFolder, output, cancellationToken: context.Cancel);
        using var model = run.Model;
        var images = model.Generate(prompt, count, seed);
        var slug = new string(prompt.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var folder = RunFolder.Create("generate", profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
        var path = Path.Combine(folder, $"{(slug.Length > 60 ? slug[..60] : slug)}-seed{seed}.png");
        new ImageGrid(images.Select((im, i) => new ImageTile(im, $"{prompt} #{i + 1}")).ToArray(), columns: Math.Min(8, count), tileSize: 84, title: prompt).SavePng(path);
        var captions = CaptionBank.LoadDefault();
        var seen = captions.Classes.FirstOrDefault(c => c.Train.Contains(prompt, StringComparer.OrdinalIgnoreCase));
        var heldOut = captions.Classes.FirstOrDefault(c => c.HeldOut.Contains(prompt, StringComparer.OrdinalIgnoreCase));
        output.WriteLine(seen is not null ? $"prompt: a training paraphrase of {seen.Name}"
            : heldOut is not null ? $"prompt: a held-out paraphrase of {heldOut.Name} (never seen in training)"
            : "prompt: a new phrasing (not in data/generation/captions.json)");
        output.WriteLine($"model: {Path.Combine(modelFolder, "model")} ({CaptionBank.Declaration})");
        output.WriteLine($"grid: {path}");
        return 0;
    }
}
