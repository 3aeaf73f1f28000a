using FusionKit.Embeddings;
using FusionKit.Evaluation.Tuning;
using FusionKit.Evaluation.ZeroShot;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;

namespace FusionKit.Experiments.ZeroShot;

/// <summary>
/// The zero-shot models' batch sizes and epochs, chosen for speed at equal accuracy on validation data only
/// (<see cref="SpeedSelection"/>; the figures behind the defaults are in docs/training.md). A setting's score for one
/// seed is the validation AUSUC of the calibration protocol (<see cref="ZeroShotExperiment.ValidationScores"/>: some seen
/// classes held out as validation-unseen, the model trained on the rest, the validation images of every seen class
/// scored), averaged over every split, label encoder and label text of the options, as the experiment runs them.
/// AUSUC, the area under the seen-unseen accuracy curve over every calibration γ, needs nothing tuned and weighs
/// seen and unseen accuracy together.
/// </summary>
public static class ZeroShotSpeedSettings
{
    /// <summary>What <see cref="ValidationScore"/> returns.</summary>
    public const string ScoreName = "validation AUSUC";

    /// <summary>The settings a search tries besides the method's current one: batch sizes from 64 to 1024, each with
    /// fewer and as many epochs as DeViSE's default.</summary>
    public static IReadOnlyList<SpeedSetting> Candidates { get; } = SpeedSetting.Grid([64, 256, 1024], [3, 5, 10]);

    /// <summary>Embeds the options' label texts with each label encoder (e.g. into <paramref name="embedTexts"/>' cache), so
    /// that the first timed setting does not pay for loading the encoders.</summary>
    public static void Prepare(EmbeddedData data, TextEmbedder embedTexts, ZeroShotExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var encoder in options.LabelEncoders)
            foreach (var text in options.LabelTexts)
                ZeroShotExperiment.LabelEmbeddings(data, embedTexts, options, encoder, text);
    }

    /// <summary>
    /// The validation AUSUC of <paramref name="method"/> trained with <paramref name="setting"/> (the other options as
    /// given) and <paramref name="seed"/>, averaged over the options' splits, label encoders and label texts. Reads the
    /// training and validation images only.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown method, split or label text (named).</exception>
    public static double ValidationScore(EmbeddedData data, TextEmbedder embedTexts, string method, ZeroShotExperimentOptions options,
                                         SpeedSetting setting, int seed, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embedTexts);
        ArgumentNullException.ThrowIfNull(options);
        options = options.WithSpeedSetting(method, setting) with { Methods = [method] };
        ZeroShotExperiment.Check(options, data);
        TorchRuntime.EnsureReady();
        using var train = FeatureSet.FromMatrices(data.Train.Images.Data, data.Train.Images.Dimension, labels: data.Train.Labels);
        using var validation = FeatureSet.FromMatrices(data.Validation.Images.Data, data.Validation.Images.Dimension, labels: data.Validation.Labels);
        var areas = new List<double>();
        foreach (var encoder in options.LabelEncoders)
            foreach (var text in options.LabelTexts)
            {
                var labels = ZeroShotExperiment.LabelEmbeddings(data, embedTexts, options, encoder, text);
                foreach (var splitName in options.Splits)
                {
                    var split = ZeroShotExperiment.SplitFor(splitName, data.ClassCount, options.RandomUnseenCount, seed);
                    var (validationSplit, scores, positions) = ZeroShotExperiment.ValidationScores(method, train, validation, labels, split, options, seed, cancel);
                    areas.Add(CalibratedStacking.Ausuc(scores, positions, validationSplit.Split));
                }
            }
        return areas.Average();
    }
}
