using FusionKit.Experiments.Generation;
using FusionKit.Interactive;
using FusionKit.Platform;
using FusionKit.Training;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit generate "prompt"`: draws clothes from a text prompt with the text-conditioned GAN.</summary>
public sealed class GenerateCommand : ICliCommand
{
    public string Name => "generate";
    public string Summary => "Draw Fashion-MNIST-style clothes from a text prompt with the text-conditioned GAN; writes a PNG grid.";
    public string Usage => """
        fusionkit generate "a pair of ankle boots" [--count 16] [--seed S] [--profile smoke|default] [--encoder minilm|wordvec] [--threads N] [--cpu]

        Embeds the prompt with the text encoder and draws --count 28x28 images from the GAN trained by
        `fusionkit gan train` (same --profile and --encoder; its model seed 0). When that model does not exist yet
        it is trained first, with one progress line per epoch (smoke: about a minute; default: minutes; resumable
        after Ctrl+C). Writes the grid to results/generate/<prompt>-<profile>-seed<S>.png and prints its path. The
        model was trained on captions generated from class labels, not on captions written for each image.
          --count     images to draw (default 16)
          --seed      seed of the latent vectors (default 0): the same seed draws the same images
          --profile   the model's profile: smoke or default (FUSIONKIT_PROFILE)
          --encoder   text encoder of the model (default minilm)
          --threads   torch threads (default 1)
          --cpu       stay on the CPU even when CUDA is available
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var count = args.Int("count", 16, min: 1, max: 1024);
        var seed = args.Int("seed", 0, min: 0);
        var profile = ExperimentCli.Profile(args);
        var options = GenerationOptions.ForProfile(profile) with
        {
            TextEncoder = args.Choice("encoder", "minilm", Text.TextEncoders.Names.ToDictionary(n => n, n => n)),
            Threads = args.Int("threads", 1, min: 1, max: 256),
            Device = args.Flag("cpu") ? ComputeDevice.Cpu : ComputeDevice.Cuda,
        };
        args.EnsureAllUsed();
        if (args.Positional.Count != 1 || string.IsNullOrWhiteSpace(args.Positional[0]))
            throw new CliUsageException($"Give one quoted prompt, e.g. fusionkit generate \"a pair of ankle boots\"; got {args.Positional.Count} words.");
        var prompt = args.Positional[0].Trim();

        var folder = TextToImageTraining.DefaultFolder(options, profile.Name);
        if (!TextToImageModel.Exists(Path.Combine(folder, "model")))
            output.WriteLine($"no trained text-to-image model for profile {profile.Name} yet: training it now (`fusionkit gan train --profile {profile.Name}` does this ahead of time).");
        using var cancel = EmbedCommand.CancelOnCtrlC();
        var run = TextToImageTraining.Train(options, folder, output, cancellationToken: cancel.Token);
        using var model = run.Model;
        var images = model.Generate(prompt, count, seed);
        var slug = new string(prompt.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var path = Path.Combine(KitPaths.ResultsDirectory(), "generate", $"{(slug.Length > 60 ? slug[..60] : slug)}-{profile.Name}-seed{seed}.png");
        new ImageGrid(images.Select((im, i) => new ImageTile(im, $"{prompt} #{i + 1}")).ToArray(), columns: Math.Min(8, count), tileSize: 84, title: prompt).SavePng(path);
        var captions = CaptionBank.LoadDefault();
        var seen = captions.Classes.FirstOrDefault(c => c.Train.Contains(prompt, StringComparer.OrdinalIgnoreCase));
        var heldOut = captions.Classes.FirstOrDefault(c => c.HeldOut.Contains(prompt, StringComparer.OrdinalIgnoreCase));
        output.WriteLine(seen is not null ? $"prompt: a training paraphrase of {seen.Name}"
            : heldOut is not null ? $"prompt: a held-out paraphrase of {heldOut.Name} (never seen in training)"
            : "prompt: a new phrasing (not in data/generation/captions.json)");
        output.WriteLine($"model: {Path.Combine(folder, "model")} ({CaptionBank.Declaration})");
        output.WriteLine($"grid: {path}");
        return 0;
    }
}
