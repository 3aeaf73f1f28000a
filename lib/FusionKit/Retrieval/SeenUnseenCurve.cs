using System.Globalization;

namespace FusionKit.Retrieval;

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

/// <summary>
/// The seen-unseen accuracy curve of Chao et al. (ECCV 2016): the (A_U→T, A_S→T) pairs that calibrated stacking
/// reaches as γ runs from −∞ (everything predicted seen: U = 0) to +∞ (everything predicted unseen: S = 0), one
/// point per stretch between consecutive flip points, in increasing γ (U never falls, S never rises).
/// </summary>
public sealed record SeenUnseenCurve(IReadOnlyList<SeenUnseenPoint> Points)
{
    /// <summary>
    /// AUSUC: the area under the piecewise-linear curve through the points, U on the x axis and S on the y axis,
    /// by the trapezoid rule (as <c>sklearn.metrics.auc</c>, which COSMO's AUSUC code, yuvalatzmon/COSMO, uses).
    /// The curve runs from (0, A_S→S) to (A_U→U, 0), so a perfect model scores 1.
    /// </summary>
    public double Area
    {
        get
        {
            double area = 0;
            for (var k = 1; k < Points.Count; k++)
                area += (Points[k].Unseen - Points[k - 1].Unseen) * (Points[k].Seen + Points[k - 1].Seen) / 2;
            return area;
        }
    }

    /// <summary>The stretch with the highest H; ties go to the lowest γ.</summary>
    public SeenUnseenPoint BestHarmonic()
    {
        var best = Points[0];
        foreach (var point in Points)
            if (point.Harmonic > best.Harmonic) best = point;
        return best;
    }

    /// <summary>
    /// The stretch that holds <paramref name="gamma"/>. A γ exactly at a flip point is counted in the lower stretch;
    /// the real prediction there follows argmax's tie rule, so read the curve between flip points.
    /// </summary>
    public SeenUnseenPoint At(double gamma) => Points.First(p => gamma <= p.GammaHigh);
}
