namespace FusionKit.Data.Manifest;

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
