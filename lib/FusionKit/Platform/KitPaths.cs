namespace FusionKit.Platform;

/// <summary>
/// Where the kit finds its repository, bundled data, cache and results. The repository root is the nearest
/// folder holding Kit.sln above the current directory or the program's folder; environment variables override:
/// FUSIONKIT_ROOT, FUSIONKIT_CACHE, FUSIONKIT_RESULTS. The bundled data folder is found by
/// <see cref="FusionKit.Data.DataLocator"/> (FUSIONKIT_DATA).
/// </summary>
public static class KitPaths
{
    /// <summary>The repository root, or null when the kit runs outside a checkout.</summary>
    public static string? RepositoryRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("FUSIONKIT_ROOT");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Kit.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The embedding cache: FUSIONKIT_CACHE, else .cache/ in the repository, else ~/.cache/fusionkit.</summary>
    public static string CacheDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("FUSIONKIT_CACHE");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        var root = RepositoryRoot();
        return root is not null
            ? Path.Combine(root, ".cache")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fusionkit");
    }

    /// <summary>Where runs write results: FUSIONKIT_RESULTS, else results/ in the repository, else ./results.</summary>
    public static string ResultsDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("FUSIONKIT_RESULTS");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        var root = RepositoryRoot();
        return Path.Combine(root ?? Directory.GetCurrentDirectory(), "results");
    }
}
