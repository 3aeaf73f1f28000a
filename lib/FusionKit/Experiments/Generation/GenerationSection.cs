using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Platform;
using FusionKit.Results;
using XPlot.Plotly;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// The <c>generation</c> section of the main job (<c>fusionkit case-study</c>): <see cref="GenerationExperiment"/>
/// with the section's preset (<see cref="Options"/>) into the section's folder; its table is
/// <see cref="GenerationResult.Summary"/>. The section's code lives here so the main-job files only dispatch to it.
/// </summary>
public static class GenerationSection
{
    /// <summary>Title of the section in tables, charts and the report.</summary>
    public const string Title = "Generation: images drawn from text (captions generated from class labels)";

    /// <summary>The columns that name a row of the section's table; "captions" declares that the captions are generated from labels.</summary>
    public static IReadOnlyList<string> SettingColumns { get; } = ["model", "prompts", "captions", "images"];

    /// <summary>
    /// The section's preset: <see cref="GenerationOptions.ForProfile"/>'s GANs for both profiles. Smoke: the text GAN and
    /// the one-hot baseline (trained side by side with two jobs), no image encoder (the style-keeping grid is notebook
    /// 10's and <c>gan train</c>'s), no unconditional baseline (<c>fusionkit gan evaluate</c> trains it) and the judge at
    /// 10 images per class (the smoke profile has 10 held-out images per class). Default: all baselines, the judge at 100
    /// per class.
    /// </summary>
    public static GenerationExperimentOptions Options(RunProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Name == RunProfile.Smoke.Name
            ? new GenerationExperimentOptions
            {
                Generation = GenerationOptions.ForProfile(profile) with { EncoderEpochs = 0 },
                JudgePerClass = 10,
                Baselines = true,
                Unconditional = false,
            }
            : new GenerationExperimentOptions { Generation = GenerationOptions.ForProfile(profile) };
    }

    /// <summary>Runs the experiment into <paramref name="folder"/> (grids, CSV tables, charts) and returns its summary table.</summary>
    /// <param name="profile">Data profile.</param>
    /// <param name="folder">The section's folder.</param>
    /// <param name="options">The preset (<see cref="Options"/>) or other settings.</param>
    /// <param name="seeds">Seeds (the main job's).</param>
    /// <param name="threads">Torch threads of the GAN training.</param>
    /// <param name="device">Where the GAN and the judge's classifiers train (<see cref="ComputeDevices"/>).</param>
    /// <param name="jobs">GAN trainings at once (<see cref="GenerationTrainings"/>).</param>
    /// <param name="worker">Starts a training worker for a queue folder and a job name; null = every training here.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancel">Stops between batches; finished models are reused by a rerun.</param>
    public static ResultTable Run(RunProfile profile, string folder, GenerationExperimentOptions options, IReadOnlyList<int> seeds, int threads,
                                  ComputeDevice device, int jobs = 1, Func<string, string, System.Diagnostics.ProcessStartInfo>? worker = null,
                                  TextWriter? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var generation = (options.Generation ?? GenerationOptions.ForProfile(profile)) with { Threads = threads, Device = device };
        return GenerationExperiment.Run(profile, folder, options with { Generation = generation, Seeds = seeds }, jobs, worker, log, cancel).Summary;
    }

    /// <summary>One bar chart per measure (a bar per model and prompt kind, references included; std error bars) from a saved summary table.</summary>
    public static IReadOnlyList<PlotlyChart> Charts(ResultTable summary, string profile, int seeds) =>
        MeanStdCharts.BarsPerMetric(summary, ["model", "prompts"], [], $"{Title}, {profile} profile, {seeds} seed(s)");

    /// <summary>What the report says under the section's table.</summary>
    public const string ReportNote =
        "Fashion-MNIST has no captions: each training image's caption is GENERATED from its class label (" + CaptionBank.Declaration + "); " +
        "held-out phrasings are paraphrases never seen in training. A text-conditioned GAN (Reed et al. 2016: GAN-CLS, GAN-INT, with the mode-seeking " +
        "regulariser of Mao et al. 2019) and, with the same networks, a one-hot class-conditional baseline draw images that a judge scores: conditional " +
        "accuracy (the kit's image-only ResNet18 classifier, trained on real images, classifies the drawings), the Fréchet distance in ResNet18 feature " +
        "space (not comparable with published Inception FID), precision and recall in feature space (Kynkäänniemi et al. 2019) and the classification " +
        "accuracy score (Ravuri and Vinyals 2019: a classifier trained on the drawings, tested on real test images). The reference rows are real held-out " +
        "images (the floor), the same with class-shuffled labels, and uniform noise (ceilings).";
}
