using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>Sizes and fingerprints of the data a case study ran on.</summary>
/// <param name="TrainCount">Training samples.</param>
/// <param name="ValidationCount">Validation samples (monitoring only).</param>
/// <param name="TestCount">Test samples.</param>
/// <param name="ImageEncoder">Image encoder name.</param>
/// <param name="ImageDim">Width of the image embeddings.</param>
/// <param name="Fingerprints">Split or label-text set -> fingerprint.</param>
public sealed record CaseStudyDataInfo(
    int TrainCount, int ValidationCount, int TestCount, string ImageEncoder, int ImageDim, IReadOnlyDictionary<string, string> Fingerprints)
{
    /// <summary>One hash over every fingerprint (what a finished run's results depend on).</summary>
    public string Combined => CaseStudyStore.Sha256(string.Join("\n", Fingerprints.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
}
