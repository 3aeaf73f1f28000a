namespace FusionKit.Data;

/// <summary>
/// What a load does with a bad row: a manifest row (malformed, unknown label, missing or bad image) or a
/// word-vector line (wrong count of numbers, a non-finite number, undecodable bytes). The command line spells it
/// the same way on every command that reads such a file: <c>--skip-bad</c> chooses <see cref="Skip"/>.
/// </summary>
public enum BadRowPolicy
{
    /// <summary>Throw an <see cref="InvalidDataException"/> naming the file, line and image (or word) at the first bad row.</summary>
    Fail,

    /// <summary>Leave bad rows out and list them (<see cref="ManifestLoadResult.Skipped"/>, <c>WordVectors.Skipped</c>).</summary>
    Skip,
}

/// <summary>Options of <see cref="ManifestDataset.Load"/>; the defaults suit most folders.</summary>
public sealed record ManifestLoadOptions
{
    /// <summary>
    /// The class list, in label order. When null, <c>classes.txt</c> next to the manifest is used if present
    /// (one name per line), otherwise the sorted (ordinal) distinct labels of the loaded rows.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Fail at the first bad row (default) or skip bad rows and report them.</summary>
    public BadRowPolicy Policy { get; init; } = BadRowPolicy.Fail;

    /// <summary>Largest width x height an image may declare; larger ones are rejected before decoding.</summary>
    public long MaxPixels { get; init; } = ImageFileDecoder.DefaultMaxPixels;

    /// <summary>Dataset name; defaults to the manifest's file name without extension.</summary>
    public string? Name { get; init; }
}

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

/// <summary>A loaded manifest dataset and the rows that were skipped (always empty under <see cref="BadRowPolicy.Fail"/>).</summary>
public sealed record ManifestLoadResult(Dataset Dataset, IReadOnlyList<SkippedRow> Skipped);
