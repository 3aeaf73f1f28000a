using System.Globalization;
using System.Text.RegularExpressions;
using FusionKit.Platform;

namespace FusionKit.Runs;

/// <summary>
/// One run's folder, named by the one scheme every command and notebook uses: <c>yyyyMMdd-HHmmss-&lt;command&gt;-&lt;profile&gt;</c>
/// in UTC (e.g. <c>20261130-141502-case-study-smoke</c>), so names sort by start time and say what ran on which
/// profile. <see cref="Create"/> never reuses a folder: when the second is taken it takes the next free one.
/// <see cref="Open"/> reads a name back (for <c>--resume</c>) and refuses folders written before this scheme.
/// </summary>
/// <param name="Path">Full path of the folder.</param>
/// <param name="StartedUtc">When the run started (UTC, whole seconds), from the name.</param>
/// <param name="Command">What ran: a command (<c>case-study</c>, <c>fuse</c>, <c>search</c>, ...) or a notebook's name.</param>
/// <param name="Profile">The profile (or data) it ran on, e.g. <c>smoke</c>, <c>default</c> or <c>manifest</c>.</param>
public sealed partial record RunFolder(string Path, DateTime StartedUtc, string Command, string Profile)
{
    /// <summary>The time part of the name (UTC).</summary>
    public const string TimeFormat = "yyyyMMdd-HHmmss";

    /// <summary>The folder's name, which is the run's id.</summary>
    public string Id => NameOf(StartedUtc, Command, Profile);

    /// <summary>The name of a run started at <paramref name="startedUtc"/>: <c>yyyyMMdd-HHmmss-command-profile</c>.</summary>
    /// <exception cref="ArgumentException">A command that is not lower-case words joined by hyphens, or a profile that is not one lower-case word.</exception>
    public static string NameOf(DateTime startedUtc, string command, string profile)
    {
        if (!CommandPattern().IsMatch(command ?? "")) throw new ArgumentException($"A run's command is lower-case words joined by hyphens, e.g. case-study; got '{command}'.", nameof(command));
        if (!ProfilePattern().IsMatch(profile ?? "")) throw new ArgumentException($"A run's profile is one lower-case word, e.g. smoke; got '{profile}'.", nameof(profile));
        return $"{startedUtc.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture)}-{command}-{profile}";
    }

    /// <summary>Creates a new run folder under <paramref name="resultsDirectory"/> (default <see cref="KitPaths.ResultsDirectory"/>),
    /// started now (or at <paramref name="nowUtc"/>); an existing folder is never reused: a taken second moves to the next.</summary>
    public static RunFolder Create(string command, string profile, string? resultsDirectory = null, DateTime? nowUtc = null)
    {
        var root = System.IO.Path.GetFullPath(resultsDirectory ?? KitPaths.ResultsDirectory());
        Directory.CreateDirectory(root);
        var start = (nowUtc ?? DateTime.UtcNow).ToUniversalTime();
        start = new DateTime(start.Ticks - start.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        for (var i = 0; i < 3600; i++)
        {
            var time = start.AddSeconds(i);
            var path = System.IO.Path.Combine(root, NameOf(time, command, profile));
            if (Directory.Exists(path) || File.Exists(path)) continue;
            // Created under a temporary name and moved into place: Move refuses an existing target, so two runs
            // starting in the same second cannot share a folder.
            var staging = Directory.CreateDirectory(System.IO.Path.Combine(root, $".creating-{Guid.NewGuid():N}"));
            try
            {
                Directory.Move(staging.FullName, path);
                return new RunFolder(path, time, command, profile);
            }
            catch (IOException) when (Directory.Exists(path))
            {
                Directory.Delete(staging.FullName);
            }
        }
        throw new IOException($"No free run-folder name for {command} on {profile} in {root} within an hour of {start:O}.");
    }

    /// <summary>Reads a folder's name back.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (named).</exception>
    /// <exception cref="InvalidDataException">Its name does not follow the scheme: a folder from before this release, or not a run (named, with what to do).</exception>
    public static RunFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"The run folder '{path}' does not exist.");
        return TryParse(full) ?? throw new InvalidDataException(
            $"'{path}' is not a run folder of this release: run folders are named yyyyMMdd-HHmmss-<command>-<profile> (UTC). "
            + "Folders written before that scheme cannot be resumed; start a new run (the old folder's files stay readable).");
    }

    /// <summary>Every run folder directly under <paramref name="resultsDirectory"/> (default <see cref="KitPaths.ResultsDirectory"/>),
    /// optionally of one command and profile, oldest first. Folders that do not follow the scheme are left out.</summary>
    public static IReadOnlyList<RunFolder> List(string? resultsDirectory = null, string? command = null, string? profile = null)
    {
        var root = System.IO.Path.GetFullPath(resultsDirectory ?? KitPaths.ResultsDirectory());
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateDirectories(root)
            .Select(TryParse)
            .OfType<RunFolder>()
            .Where(r => (command is null || r.Command == command) && (profile is null || r.Profile == profile))
            .OrderBy(r => r.StartedUtc).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest run of <paramref name="command"/> (and <paramref name="profile"/>) that satisfies <paramref name="where"/>; null when none does.</summary>
    public static RunFolder? Latest(string command, string? profile = null, string? resultsDirectory = null, Func<RunFolder, bool>? where = null) =>
        List(resultsDirectory, command, profile).LastOrDefault(r => where is null || where(r));

    /// <summary>The run named by the folder at <paramref name="path"/>, or null when the name does not follow the scheme.</summary>
    public static RunFolder? TryParse(string path)
    {
        var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var match = NamePattern().Match(System.IO.Path.GetFileName(full));
        if (!match.Success) return null;
        if (!DateTime.TryParseExact(match.Groups["time"].Value, TimeFormat, CultureInfo.InvariantCulture,
                                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return null;
        return new RunFolder(full, time, match.Groups["command"].Value, match.Groups["profile"].Value);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CommandPattern();

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex ProfilePattern();

    [GeneratedRegex(@"^(?<time>\d{8}-\d{6})-(?<command>[a-z0-9]+(-[a-z0-9]+)*)-(?<profile>[a-z0-9]+)$")]
    private static partial Regex NamePattern();
}
