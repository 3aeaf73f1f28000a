using FusionKit.Text;
using FusionKit.Training;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>What one fusion run measured on the test split.</summary>
/// <param name="Config">The run's settings.</param>
/// <param name="Accuracy">Test accuracy in [0, 1].</param>
/// <param name="MacroF1">Test macro-F1 (unweighted mean of per-class F1, scikit-learn's <c>average="macro"</c>).</param>
/// <param name="TrainSeconds">Wall-clock seconds of <see cref="Trainer.Fit{TModel}(TModel, FeatureSet, FeatureSet?, CancellationToken)"/> (model building and evaluation excluded).</param>
/// <param name="Parameters">Trainable parameters of the model.</param>
/// <param name="History">Per-epoch losses and accuracies (validation included).</param>
/// <param name="Predictions">Predicted class per test sample.</param>
/// <param name="TestLabels">True class per test sample.</param>
/// <param name="ModalityWeights">Per test sample the fusion's (image, text) weights, or null where the method weighs nothing.</param>
/// <param name="Ablation">Test accuracy with a zeroed modality; null for the single-modality baselines.</param>
public sealed record FusionRunResult(
    FusionExperimentConfig Config,
    double Accuracy,
    double MacroF1,
    double TrainSeconds,
    long Parameters,
    TrainingHistory History,
    int[] Predictions,
    int[] TestLabels,
    float[][]? ModalityWeights,
    ModalityAblation? Ablation)
{
    /// <summary>Where the side text the run read came from (simulated, or a manifest's own); a text-free baseline
    /// still carries its inputs' source, since it is compared with the runs that read that text.</summary>
    public TextSource TextSource { get; init; } = TextSource.Simulated;

    /// <summary>Training rows the model was fitted on (smaller than the profile's for a subset run).</summary>
    public int TrainCount { get; init; }

    /// <summary>Cross-attention only: per test sample the attention over the image's tokens (49 weights summing to
    /// 1, token t = grid cell (t / 7, t % 7)); null for other methods.</summary>
    public float[][]? AttentionMaps { get; init; }

    /// <summary>Mean (image, text) weight per true class (C, 2), or null where the method has no weights.</summary>
    public double[,]? ModalityWeightsPerClass(int classCount) =>
        ModalityWeights is null ? null : FusionInterpretation.WeightsPerClass(ModalityWeights, TestLabels, classCount);
}
