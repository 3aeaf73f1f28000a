using FusionKit.Evaluation.Tuning;
using FusionKit.Platform;

namespace FusionKit.Experiments.Interaction;

/// <summary>
/// The interaction models' batch sizes and epoch caps, chosen for speed at equal accuracy on the validation questions only
/// (<see cref="SpeedSelection"/>; the figures behind <see cref="InteractionConfig.ModelSettings"/> are in docs/training.md).
/// A setting's score for one seed is the model's validation accuracy at its best epoch (the weights the section keeps and
/// tests), averaged over the config's question encoders as the section trains them (the image-only baseline reads none).
/// The epochs of a setting are a cap: early stopping on the same validation questions (patience
/// <see cref="InteractionConfig.Patience"/>) ends most trainings before it.
/// </summary>
public static class InteractionSpeedSettings
{
    /// <summary>What <see cref="ValidationScore"/> returns.</summary>
    public const string ScoreName = "validation accuracy";

    /// <summary>What the bench names of the models start with ("interaction-cross-attention").</summary>
    public const string Prefix = "interaction-";

    /// <summary>The bench names of the models the section trains by default: the two baselines, then each fusion method of
    /// <see cref="InteractionConfig.Default"/>.</summary>
    public static IReadOnlyList<string> BenchNames { get; } =
        new[] { InteractionExperiment.ImageOnly, InteractionExperiment.QuestionOnly }.Concat(InteractionConfig.Default.Methods).Select(m => Prefix + m).ToArray();

    /// <summary>The settings a search tries besides the model's current one: the batch in use, twice and four times it, each
    /// with half and all of the epoch cap in use.</summary>
    public static IReadOnlyList<SpeedSetting> Candidates { get; } = SpeedSetting.Grid([128, 256, 512], [10, 20]);

    /// <summary>The model a bench name names ("cross-attention" of "interaction-cross-attention"); null when it names none
    /// of <see cref="BenchNames"/>.</summary>
    public static string? ModelOf(string benchName) =>
        BenchNames.Contains(benchName, StringComparer.Ordinal) ? benchName[Prefix.Length..] : null;

    /// <summary>
    /// The validation accuracy of <paramref name="model"/> trained with <paramref name="setting"/> (the rest of
    /// <paramref name="config"/> as given) and <paramref name="seed"/>, at its best epoch, averaged over the config's
    /// question encoders. Reads the training and validation questions only.
    /// </summary>
    /// <exception cref="ArgumentException">A model the experiment does not train (named), or a fusion method the data has no
    /// spatial tokens for.</exception>
    public static double ValidationScore(InteractionData data, string model, InteractionConfig config, SpeedSetting setting, int seed, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(setting);
        if (!InteractionExperiment.TrainedModels.Contains(model))
            throw new ArgumentException($"Unknown interaction model '{model}': use {string.Join(", ", InteractionExperiment.TrainedModels)}.", nameof(model));
        config = config.WithSpeedSetting(model, setting);
        TorchRuntime.EnsureReady();
        var encoders = model == InteractionExperiment.ImageOnly ? [InteractionExperiment.NoEncoder] : config.TextEncoders;
        var accuracies = new List<double>();
        foreach (var encoder in encoders)
        {
            using var trained = InteractionExperiment.Fit(data, config, model, encoder, seed, checkpointDirectory: null, log: null, cancel, out _, out var history);
            accuracies.Add(InteractionExperiment.BestValidationAccuracy(history));
        }
        return accuracies.Average();
    }
}
