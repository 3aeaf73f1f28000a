namespace FusionKit.Platform;

/// <summary>
/// Optional system programs the kit calls (Chromium renders charts to PNG; speech code uses a recogniser and a
/// synthesiser): where each is on PATH and which Debian/Ubuntu packages provide it. The tool-to-package table
/// lives here only; error messages and test skip reasons take their install advice from it.
/// </summary>
public static class SystemTool
{
    /// <summary>The Debian/Ubuntu packages that provide each optional tool the kit calls, by executable name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DebianPackages { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["chromium"] = ["chromium"],
            ["pocketsphinx_continuous"] = ["pocketsphinx", "pocketsphinx-en-us"],
            ["espeak-ng"] = ["espeak-ng"],
        };

    /// <summary>
    /// The full path of the executable <paramref name="name"/> found on PATH (the first folder that holds a
    /// regular file of that name with an execute bit; on Windows also with the extensions of PATHEXT), or null
    /// when none does. A name holding a directory separator is taken as a path and returned when it exists.
    /// </summary>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains(Path.DirectorySeparatorChar) || name.Contains(Path.AltDirectorySeparatorChar))
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        string[] extensions = OperatingSystem.IsWindows()
            ? ["", .. (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)]
            : [""];
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(folder, name + extension);
                if (IsExecutable(candidate)) return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>
    /// How to install <paramref name="tool"/> (a clause, no final full stop): <c>apt-get install</c> of its
    /// packages from <see cref="DebianPackages"/>, or the repository's <c>environment/install-system-deps.sh</c>,
    /// which installs the tools the tests use.
    /// </summary>
    public static string InstallHint(string tool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        var packages = DebianPackages.TryGetValue(tool, out var known) ? known : [tool];
        return $"install it with apt-get install {string.Join(' ', packages)} (environment/install-system-deps.sh installs the tools the tests use)";
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}
