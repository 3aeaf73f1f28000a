using System.Globalization;

namespace FusionKit.Evaluation.ZeroShot;

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
