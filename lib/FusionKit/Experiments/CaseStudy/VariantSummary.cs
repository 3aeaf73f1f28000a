using FusionKit.Evaluation;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>Mean ± sample standard deviation (ddof = 1) of one variant's test metrics over seeds.</summary>
public sealed record VariantSummary(
    CaseStudyVariant Variant,
    int Seeds,
    MetricSummary Accuracy,
    MetricSummary MacroPrecision,
    MetricSummary MacroRecall,
    MetricSummary MacroF1,
    MetricSummary WeightedF1,
    MetricSummary TrainSeconds)
{
    /// <summary>True for rows that leak the test label: never a result.</summary>
    public bool Leaks => Variant.Leaks;
}
