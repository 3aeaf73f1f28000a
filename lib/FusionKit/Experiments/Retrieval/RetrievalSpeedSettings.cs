using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Evaluation.Ranking;
using FusionKit.Evaluation.Tuning;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;

namespace FusionKit.Experiments.Retrieval;

/// <summary>
/// The retrieval models' batch sizes and epochs, chosen for speed at equal accuracy on validation data only
/// (<see cref="SpeedSelection"/>; the figures behind the defaults are in docs/training.md): part (a)'s classifier by
/// its validation accuracy (the predicted classes are what classification retrieval ranks within), part (b)'s joint
/// space by its mean recall on validation pairs (R@1, 5 and 10 in both directions averaged, in [0, 1]), averaged over the
/// options' joint texts: for label descriptions the pairs' own recall, for the side text (drawn for the validation images
/// with its own seed) the class-level recall (a title is relevant to every image of the class it names), the side
/// text's informative figure; its exact-title recall is near zero for every setting (most titles are shared).
/// </summary>
public static class RetrievalSpeedSettings
{
    /// <summary>Name of the classifier's score.</summary>
    public const string ClassifierScoreName = "validation accuracy";

    /// <summary>Name of the joint space's score.</summary>
    public const string JointScoreName = "validation mean recall";

    /// <summary>The side-text seed offset of the validation pairs (training pairs use the options' seed, test pairs + 1).</summary>
    public const int ValidationSideTextSeedOffset = 2;

    /// <summary>The settings a search tries besides the model's current one.</summary>
    /// <exception cref="ArgumentException">Another model name.</exception>
    public static IReadOnlyList<SpeedSetting> Candidates(string model) => model switch
    {
        RetrievalExperiment.Classifier => SpeedSetting.Grid([32, 128, 512], [2, 5, 10]),
        RetrievalExperiment.Joint => SpeedSetting.Grid([256, 1024], [3, 5, 10]),
        _ => throw new ArgumentException($"Unknown retrieval model '{model}': use {RetrievalExperiment.Classifier} or {RetrievalExperiment.Joint}.", nameof(model)),
    };

    /// <summary>The name of <paramref name="model"/>'s score.</summary>
    public static string ScoreNameOf(string model) => model == RetrievalExperiment.Joint ? JointScoreName : ClassifierScoreName;

    /// <summary>
    /// Embeds (through <paramref name="embedTexts"/>, e.g. into its cache) the texts the joint space's scores read, so
    /// that the first timed setting does not pay for them; nothing for the classifier.
    /// </summary>
    public static void Prepare(EmbeddedData data, TextEmbedder embedTexts, string model, RetrievalExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (model != RetrievalExperiment.Joint) return;
        foreach (var kind in options.JointTexts)
        {
            RetrievalExperiment.JointPairs(data.Train, embedTexts, options, kind, options.SideTextSeed).Dispose();
            RetrievalExperiment.JointPairs(data.Validation, embedTexts, options, kind, options.SideTextSeed + ValidationSideTextSeedOffset).Dispose();
        }
    }

    /// <summary>
    /// <paramref name="model"/>'s validation score trained with <paramref name="setting"/> (the other options as given)
    /// and <paramref name="seed"/>. Reads the training and validation images only.
    /// </summary>
    /// <exception cref="ArgumentException">Another model name.</exception>
    public static double ValidationScore(EmbeddedData data, TextEmbedder embedTexts, string model, RetrievalExperimentOptions options,
                                         SpeedSetting setting, int seed, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embedTexts);
        ArgumentNullException.ThrowIfNull(options);
        options = options.WithSpeedSetting(model, setting);
        TorchRuntime.EnsureReady();
        if (model == RetrievalExperiment.Classifier)
        {
            using var classifier = RetrievalExperiment.TrainClassifier(data, options, seed, log: null, cancel);
            using var validation = FeatureSet.FromMatrices(data.Validation.Images.Data, data.Validation.Images.Dimension, labels: data.Validation.Labels);
            return ClassificationMetrics.Accuracy(data.Validation.Labels, classifier.Predict(validation));
        }
        if (options.JointTexts.Count == 0) throw new ArgumentException("The options train no joint space (JointTexts is empty).", nameof(options));
        var recalls = new List<double>();
        foreach (var kind in options.JointTexts)
        {
            using var train = RetrievalExperiment.JointPairs(data.Train, embedTexts, options, kind, options.SideTextSeed);
            using var validation = RetrievalExperiment.JointPairs(data.Validation, embedTexts, options, kind, options.SideTextSeed + ValidationSideTextSeedOffset);
            using var space = RetrievalExperiment.TrainJointSpace(train, options, seed, log: null, cancel);
            var (scores, columns) = JointRetrieval.Scores(space, validation);
            var report = kind == JointTextKind.SideText
                ? ClassLevelRetrieval.Evaluate(scores, data.Validation.Labels, RetrievalExperiment.DescribedClassPerColumn(
                      RetrievalExperiment.SideTexts(data.Validation, options, options.SideTextSeed + ValidationSideTextSeedOffset), columns)).Report
                : JointRetrieval.Evaluate(scores, columns);
            recalls.Add(report.Rsum / 600);   // VSE++ rsum is in percent, six recalls
        }
        return recalls.Average();
    }
}
