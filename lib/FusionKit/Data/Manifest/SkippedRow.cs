namespace FusionKit.Data.Manifest;

/// <summary>A row left out under <see cref="BadRowPolicy.Skip"/>.</summary>
/// <param name="File">The manifest file.</param>
/// <param name="Line">1-based line where the row starts (the CSV header is line 1).</param>
/// <param name="ImagePath">The row's image path as written, when the row got that far.</param>
/// <param name="Reason">What was wrong.</param>
public sealed record SkippedRow(string File, int Line, string? ImagePath, string Reason)
{
    /// <summary>"manifest.csv: line 3, image 'a.png': reason" - the same text a <see cref="BadRowPolicy.Fail"/> load throws.</summary>
    public override string ToString() =>
        ImagePath is null ? $"{File}: line {Line}: {Reason}" : $"{File}: line {Line}, image '{ImagePath}': {Reason}";
}
