namespace FusionKit.Data.Manifest;

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
