using System.Globalization;

namespace FusionKit.Evaluation.ZeroShot;

/// <summary>
/// Calibrated stacking with γ chosen on validation (<see cref="GzslValidationSplit"/>), applied to the test scores.
/// Accuracies are per-class means, as <see cref="ZeroShotEvaluation"/>'s.
/// </summary>
/// <param name="Gamma">γ subtracted from the seen-class test scores.</param>
/// <param name="ValidationUnseenClasses">Seen classes held out as validation-unseen to choose γ.</param>
/// <param name="Validation">The chosen stretch of the validation curve: its S, U and H (on validation images).</param>
/// <param name="Seen">Calibrated GZSL S on the test images.</param>
/// <param name="Unseen">Calibrated GZSL U on the test images.</param>
/// <param name="Harmonic">Calibrated H = 2SU / (S + U).</param>
public sealed record CalibratedStackingReport(double Gamma, IReadOnlyList<int> ValidationUnseenClasses, SeenUnseenPoint Validation,
                                              double Seen, double Unseen, double Harmonic)
{
    /// <summary>Applies the γ of <paramref name="validation"/> to test scores and evaluates them (<see cref="ZeroShotEvaluation.Evaluate"/>).</summary>
    public static CalibratedStackingReport Evaluate(IReadOnlyList<float[]> testScores, IReadOnlyList<int> testTruth, ClassSplit split,
                                                    GzslValidationSplit validationSplit, SeenUnseenPoint validation)
    {
        ArgumentNullException.ThrowIfNull(validationSplit);
        ArgumentNullException.ThrowIfNull(validation);
        var report = ZeroShotEvaluation.Evaluate(CalibratedStacking.Apply(testScores, split, validation.Gamma), testTruth, split);
        return new CalibratedStackingReport(validation.Gamma, validationSplit.ValidationUnseenClasses, validation, report.Seen, report.Unseen, report.Harmonic);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"calibrated (γ {Gamma:G4} from validation, held out [{string.Join(", ", ValidationUnseenClasses)}], validation H {Validation.Harmonic:F3}): S {Seen:F3}  U {Unseen:F3}  H {Harmonic:F3}");
}
