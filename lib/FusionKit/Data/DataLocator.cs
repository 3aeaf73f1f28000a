namespace FusionKit.Data;

/// <summary>
/// Finds the repository's bundled <c>data/</c> folder: the environment variable <see cref="EnvironmentVariable"/>
/// when set, otherwise the first <c>data/</c> folder holding <c>fashion-mnist/</c> found walking up from the
/// current directory, then from <see cref="AppContext.BaseDirectory"/> (the program's folder).
/// </summary>
public static class DataLocator
{
    /// <summary>Environment variable that overrides the search: the full path of a <c>data</c> folder.</summary>
    public const string EnvironmentVariable = "FUSIONKIT_DATA";

    /// <summary>Sub-folder whose presence marks the kit's data folder.</summary>
    public const string MarkerFolder = "fashion-mnist";

    /// <summary>The data folder; throws <see cref="DirectoryNotFoundException"/> saying where it looked.</summary>
    public static string FindDataDirectory() =>
        FindDataDirectory(Environment.GetEnvironmentVariable(EnvironmentVariable), [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary>The search itself, with the override and the starting folders given explicitly (testable).</summary>
    public static string FindDataDirectory(string? overridePath, IReadOnlyList<string> startFolders)
    {
        ArgumentNullException.ThrowIfNull(startFolders);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return Directory.Exists(overridePath)
                ? Path.GetFullPath(overridePath)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} is set to '{overridePath}', which is not a folder.");
        }
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (Directory.Exists(Path.Combine(candidate, MarkerFolder))) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No data/{MarkerFolder}/ folder found above {string.Join(" or ", startFolders.Select(s => $"'{s}'"))}. " +
            $"Run from inside the FusionKit repository or set {EnvironmentVariable} to its data folder.");
    }
}
