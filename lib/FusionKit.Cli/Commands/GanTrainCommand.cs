using System.CommandLine;
using System.Globalization;
using FusionKit.Data;
using FusionKit.Experiments.Generation;
using FusionKit.Training;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit gan train`: trains the text-to-image GAN (<see cref="TextToImageTraining"/>).</summary>
public sealed class GanTrainCommand : CliCommand
{
    /// <summary>The <c>--conditioning</c> words.</summary>
    internal static IReadOnlyDictionary<string, GenerationConditioning> Conditionings { get; } = new Dictionary<string, GenerationConditioning>(StringComparer.Ordinal)
    {
        ["text"] = GenerationConditioning.Text, ["onehot"] = GenerationConditioning.OneHot, ["none"] = GenerationConditioning.Unconditional,
    };

    private readonly Option<string> _conditioning = new Option<string>("--conditioning")
    {
        Description = "what G and D read: text (captions), onehot (class-conditional baseline) or none (unconditional baseline)", DefaultValueFactory = _ => "text",
    }.OneOf(Conditionings.Keys);
    private readonly Option<string> _encoder = GenerateCommand.EncoderOption();
    private readonly Option<int> _seed = new Option<int>("--seed") { Description = "seed of the data subset, captions, weights and training", DefaultValueFactory = _ => 0 }.InRange(0);
    private readonly Option<int?> _epochs = new Option<int?>("--epochs") { Description = "GAN epochs (default: the profile's: " + PerProfile(o => o.Epochs) + ")" }.InRange(1, 10_000);
    private readonly Option<int?> _perClass = new Option<int?>("--per-class") { Description = "training images per class (default: the profile's: " + PerProfile(o => o.TrainPerClass) + ")" }.InRange(2, 6000);
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<int> _threads = CommonOptions.Threads();

    /// <summary>A preset's value on each profile, e.g. "smoke 24, default 16" (<see cref="GenerationOptions.ForProfile"/>).</summary>
    private static string PerProfile(Func<GenerationOptions, int?> value) => string.Create(CultureInfo.InvariantCulture,
        $"smoke {value(GenerationOptions.ForProfile(RunProfile.Smoke))}, default {value(GenerationOptions.ForProfile(RunProfile.Default))}");

    public GanTrainCommand() : base("gan train", "Train the text-conditioned GAN (Reed et al. GAN-CLS + GAN-INT) that `generate` draws with; resumable.")
    {
        Add(_conditioning);
        Add(_encoder);
        Add(_seed);
        Add(_epochs);
        Add(_perClass);
        Add(_device);
        Add(_profile);
        Add(_threads);
    }

    public override string Details => """
        Trains a DCGAN-style generator and matching-aware discriminator at 28x28 on Fashion-MNIST images captioned
        from their labels (paraphrases in data/generation/captions.json drawn by seed; declared as generated), then
        an encoder from images to the generator's latent space. Prints one line per epoch, checkpoints every epoch
        (Ctrl+C, then the same command, resumes exactly) and renders a fixed grid of prompts x latents after every
        epoch into results/gan/<conditioning>-<encoder>-<profile>-seed<S>/grids/epoch-NNN.png.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var preset = GenerationOptions.ForProfile(profile);
        var options = preset with
        {
            Conditioning = Conditionings[parse.GetValue(_conditioning)!],
            TextEncoder = parse.GetValue(_encoder)!,
            Seed = parse.GetValue(_seed),
            Epochs = parse.GetValue(_epochs) ?? preset.Epochs,
            TrainPerClass = parse.GetValue(_perClass) ?? preset.TrainPerClass,
            Threads = parse.GetValue(_threads),
            Device = device,
        };
        var folder = TextToImageTraining.DefaultFolder(options, profile.Name);
        var run = TextToImageTraining.Train(options, folder, output, cancellationToken: context.Cancel);
        using (run.Model)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained on {run.TrainingImages:N0} images in {run.TrainingSeconds:F0} s; model in {Path.Combine(folder, "model")}"));
            output.WriteLine($"progress grids: {Path.Combine(folder, "grids")}; final grid: {Path.Combine(folder, "grid-final.png")}");
        }
        return 0;
    }
}
