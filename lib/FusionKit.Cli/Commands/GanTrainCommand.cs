using System.Globalization;
using FusionKit.Experiments.Generation;
using FusionKit.Training;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit gan train`: trains the text-to-image GAN (<see cref="TextToImageTraining"/>).</summary>
public sealed class GanTrainCommand : ICliCommand
{
    public string Name => "gan train";
    public string Summary => "Train the text-conditioned GAN (Reed et al. GAN-CLS + GAN-INT) that `generate` draws with; resumable.";
    public string Usage => """
        fusionkit gan train [--profile smoke|default] [--conditioning text|onehot|none] [--encoder minilm|wordvec]
                            [--seed S] [--epochs N] [--per-class N] [--threads N] [--cpu]

        Trains a DCGAN-style generator and matching-aware discriminator at 28x28 on Fashion-MNIST images captioned
        from their labels (paraphrases in data/generation/captions.json drawn by seed; declared as generated), then
        an encoder from images to the generator's latent space. Prints one line per epoch, checkpoints every epoch
        (Ctrl+C, then the same command, resumes exactly) and renders a fixed grid of prompts x latents after every
        epoch into the run folder: results/gan/<conditioning>-<encoder>-<profile>-seed<S>/grids/epoch-NNN.png.
          --profile        smoke (100 images per class) or default (1,000 per class); FUSIONKIT_PROFILE
          --conditioning   text (default), onehot (class-conditional baseline) or none (unconditional baseline)
          --encoder        text encoder of captions and prompts (default minilm)
          --seed           seed of the subset, captions, weights and training (default 0)
          --epochs         GAN epochs (default: the profile's)
          --per-class      training images per class (default: the profile's)
          --threads        torch threads (default 1)
          --cpu            stay on the CPU even when CUDA is available
        """;

    /// <summary>The `--conditioning` words.</summary>
    internal static IReadOnlyDictionary<string, GenerationConditioning> Conditionings { get; } = new Dictionary<string, GenerationConditioning>(StringComparer.Ordinal)
    {
        ["text"] = GenerationConditioning.Text, ["onehot"] = GenerationConditioning.OneHot, ["none"] = GenerationConditioning.Unconditional,
    };

    public int Run(CliArguments args, TextWriter output)
    {
        var profile = ExperimentCli.Profile(args);
        var preset = GenerationOptions.ForProfile(profile);
        var options = preset with
        {
            Conditioning = args.Choice("conditioning", GenerationConditioning.Text, Conditionings),
            TextEncoder = args.Choice("encoder", "minilm", Text.TextEncoders.Names.ToDictionary(n => n, n => n)),
            Seed = args.Int("seed", 0, min: 0),
            Epochs = args.Int("epochs", preset.Epochs, min: 1, max: 10_000),
            TrainPerClass = args.Int("per-class", preset.TrainPerClass ?? 6000, min: 2, max: 6000),
            Threads = args.Int("threads", 1, min: 1, max: 256),
            Device = args.Flag("cpu") ? ComputeDevice.Cpu : ComputeDevice.Cuda,
        };
        args.EnsureAllUsed();
        var folder = TextToImageTraining.DefaultFolder(options, profile.Name);
        using var cancel = EmbedCommand.CancelOnCtrlC();
        var run = TextToImageTraining.Train(options, folder, output, cancellationToken: cancel.Token);
        using (run.Model)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained on {run.TrainingImages:N0} images in {run.TrainingSeconds:F0} s; model in {Path.Combine(folder, "model")}"));
            output.WriteLine($"progress grids: {Path.Combine(folder, "grids")}; final grid: {Path.Combine(folder, "grid-final.png")}");
        }
        return 0;
    }
}
