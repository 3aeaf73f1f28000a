using System.Globalization;

namespace FusionKit.Evaluation.ZeroShot;

/// <summary>
/// One stretch of the calibration sweep: every γ in the open interval (<paramref name="GammaLow"/>,
/// <paramref name="GammaHigh"/>) gives the same predictions, hence the same per-class mean accuracies
/// <paramref name="Seen"/> (A_S→T) and <paramref name="Unseen"/> (A_U→T).
/// </summary>
/// <param name="GammaLow">Lower end (a flip point, or −∞ for the first stretch).</param>
/// <param name="GammaHigh">Upper end (a flip point, or +∞ for the last stretch).</param>
/// <param name="Seen">Per-class mean accuracy of seen-class images over all labels.</param>
/// <param name="Unseen">Per-class mean accuracy of unseen-class images over all labels.</param>
public sealed record SeenUnseenPoint(double GammaLow, double GammaHigh, double Seen, double Unseen)
{
    /// <summary>
    /// The γ that stands for the stretch: its midpoint, or one score unit beyond the only finite end of the first
    /// and last stretches (0 when both ends are infinite).
    /// </summary>
    public double Gamma => (double.IsFinite(GammaLow), double.IsFinite(GammaHigh)) switch
    {
        (true, true) => GammaLow + (GammaHigh - GammaLow) / 2,
        (false, true) => GammaHigh - 1,
        (true, false) => GammaLow + 1,
        _ => 0,
    };

    /// <summary>H = 2SU / (S + U) at this stretch (<see cref="ZeroShotEvaluation.HarmonicMean"/>).</summary>
    public double Harmonic => ZeroShotEvaluation.HarmonicMean(Seen, Unseen);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"γ in ({GammaLow:G4}, {GammaHigh:G4}): S {Seen:F3}  U {Unseen:F3}  H {Harmonic:F3}");
}
