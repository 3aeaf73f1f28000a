using FusionKit.Evaluation;
using FusionKit.Training;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// The test-set result of one variant for one seed: confusion matrix, classification report (scikit-learn's
/// definitions, 0/0 = 0) and the training that produced the model (shared by a paper model and its audits).
/// </summary>
public sealed class CaseStudyRun
{
    public CaseStudyRun(CaseStudyVariant variant, int seed, ConfusionMatrix confusion, TrainingHistory history, double trainSeconds)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(history);
        Variant = variant;
        Seed = seed;
        Confusion = confusion;
        Report = ClassificationReport.FromConfusionMatrix(confusion, ZeroDivision.Zero);
        History = history;
        TrainSeconds = trainSeconds;
    }

    /// <summary>The variant evaluated.</summary>
    public CaseStudyVariant Variant { get; }

    /// <summary>Seed of the model's initial weights, batch order and audit draws.</summary>
    public int Seed { get; }

    /// <summary>Test-set confusion matrix (rows true, columns predicted).</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Per-class and averaged precision, recall and F1 on the test set.</summary>
    public ClassificationReport Report { get; }

    /// <summary>The training run's epochs (train and validation loss/accuracy).</summary>
    public TrainingHistory History { get; }

    /// <summary>Wall-clock seconds of the training run (data preparation and evaluation excluded).</summary>
    public double TrainSeconds { get; }

    /// <summary>True when <see cref="History"/> is leaked (see <see cref="CaseStudyVariant.TrainingLeaks"/>).</summary>
    public bool TrainingLeaks => Variant.TrainingLeaks;

    /// <summary>True when the variant leaks the test label (see <see cref="CaseStudyVariant.Leaks"/>).</summary>
    public bool Leaks => Variant.Leaks;

    public double Accuracy => Report.Accuracy;
    public double MacroPrecision => Report.MacroAverage.Precision;
    public double MacroRecall => Report.MacroAverage.Recall;
    public double MacroF1 => Report.MacroAverage.F1;
    public double WeightedF1 => Report.WeightedAverage.F1;
}
