using System.Globalization;

namespace FusionKit.Evaluation.ZeroShot;

/// <summary>Zero-shot results (per-class mean top-1 accuracies, Xian et al. 2017).</summary>
/// <param name="UnseenAmongUnseen">Conventional ZSL: unseen-class images predicted among the unseen labels only.</param>
/// <param name="Seen">Generalized ZSL S: seen-class images predicted among all labels.</param>
/// <param name="Unseen">Generalized ZSL U: unseen-class images predicted among all labels.</param>
/// <param name="Harmonic">H = 2SU / (S + U).</param>
/// <param name="Ausuc">Area under the seen-unseen accuracy curve over all calibration γ (Chao et al. 2016, <see cref="CalibratedStacking.Curve"/>); needs no γ.</param>
public sealed record ZeroShotReport(double UnseenAmongUnseen, double Seen, double Unseen, double Harmonic, double Ausuc)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ZSL unseen {UnseenAmongUnseen:F3}  GZSL S {Seen:F3}  U {Unseen:F3}  H {Harmonic:F3}  AUSUC {Ausuc:F3}");
}
