namespace FusionKit.Data.Manifest;

/// <summary>A loaded manifest dataset and the rows that were skipped (always empty under <see cref="BadRowPolicy.Fail"/>).</summary>
public sealed record ManifestLoadResult(Dataset Dataset, IReadOnlyList<SkippedRow> Skipped);
