namespace FusionKit.Platform;

/// <summary>
/// Where the kit finds its repository, bundled data, cache and results. The repository root is the nearest
/// folder holding Kit.sln above the current directory or the program's folder; environment variables override:
/// FUSIONKIT_ROOT, FUSIONKIT_DATA, FUSIONKIT_CACHE, FUSIONKIT_RESULTS.
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

    /// <summary>The bundled data folder (data/ in the repository).</summary>
    /// <exception cref="DirectoryNotFoundException">Neither FUSIONKIT_DATA nor a checkout's data/ folder exists.</exception>
    public static string DataDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("FUSIONKIT_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : throw new DirectoryNotFoundException($"FUSIONKIT_DATA points to '{fromEnv}', which does not exist.");
        var root = RepositoryRoot();
        var data = root is null ? null : Path.Combine(root, "data");
        return data is not null && Directory.Exists(data)
            ? data
            : throw new DirectoryNotFoundException(
                $"Cannot find the kit's data/ folder: no Kit.sln above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'. Run from the repository or set FUSIONKIT_DATA.");
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
