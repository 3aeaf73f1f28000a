using System.Text.Json.Serialization;
using System.Text.Json;
using FusionKit.Evaluation;
using FusionKit.Evaluation.ZeroShot;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.ZeroShot;

/// <summary>One setting of <see cref="ZeroShotExperiment"/>: its per-seed reports and their summaries (mean ± sample std over the seeds).</summary>
/// <param name="Split">"fixed" or "random".</param>
/// <param name="Method">"devise" or "compatibility".</param>
/// <param name="LabelEncoder">Text encoder of the label embeddings.</param>
/// <param name="LabelText">"names" or "descriptions".</param>
/// <param name="PerSeed">Uncalibrated figures and AUSUC, one report per seed.</param>
/// <param name="PerSeedCalibrated">Calibrated stacking with γ chosen on validation, one report per seed.</param>
public sealed record ZeroShotRow(string Split, string Method, string LabelEncoder, string LabelText, IReadOnlyList<ZeroShotReport> PerSeed,
                                 IReadOnlyList<CalibratedStackingReport> PerSeedCalibrated)
{
    /// <summary>Where the row's text came from: the class labels (names or descriptions), declared as <see cref="TextSources.ColumnName"/>.</summary>
    [JsonPropertyName(TextSources.ColumnName)]
    public string TextSource => TextSources.Name(FusionKit.Text.TextSource.Label);

    /// <summary>Conventional ZSL accuracy (unseen images among unseen labels).</summary>
    public MetricSummary UnseenAmongUnseen => MetricSummary.Of(PerSeed.Select(r => r.UnseenAmongUnseen));

    /// <summary>GZSL S, uncalibrated.</summary>
    public MetricSummary Seen => MetricSummary.Of(PerSeed.Select(r => r.Seen));

    /// <summary>GZSL U, uncalibrated.</summary>
    public MetricSummary Unseen => MetricSummary.Of(PerSeed.Select(r => r.Unseen));

    /// <summary>GZSL H, uncalibrated.</summary>
    public MetricSummary Harmonic => MetricSummary.Of(PerSeed.Select(r => r.Harmonic));

    /// <summary>GZSL S after calibrated stacking.</summary>
    public MetricSummary CalibratedSeen => MetricSummary.Of(PerSeedCalibrated.Select(r => r.Seen));

    /// <summary>GZSL U after calibrated stacking.</summary>
    public MetricSummary CalibratedUnseen => MetricSummary.Of(PerSeedCalibrated.Select(r => r.Unseen));

    /// <summary>GZSL H after calibrated stacking.</summary>
    public MetricSummary CalibratedHarmonic => MetricSummary.Of(PerSeedCalibrated.Select(r => r.Harmonic));

    /// <summary>Area under the seen-unseen accuracy curve (calibration-free).</summary>
    public MetricSummary Ausuc => MetricSummary.Of(PerSeed.Select(r => r.Ausuc));
}
