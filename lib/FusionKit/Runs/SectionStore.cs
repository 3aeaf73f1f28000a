using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Results;

namespace FusionKit.Runs;

/// <summary>
/// The one store of a run folder's sections: each section, the case study included, lives in its own subfolder
/// (<c>case-study/</c>, <c>fusion/</c>, <c>retrieval/</c>, <c>zero-shot/</c>, <c>interaction/</c>) with the experiment's own
/// files (tables, charts, per-model files), its result table as <c>table.csv</c> (<see cref="ResultTable"/>: setting
/// columns plus metric, mean, std, n) and, written last and atomically, <c>section.json</c> (<see cref="SectionResult"/>,
/// the same table as JSON). A section is complete exactly when its
/// section.json exists, so a crash mid-section leaves the sections before it complete and that one absent.
/// </summary>
public static class SectionStore
{
    /// <summary>The file that marks a section complete and holds its summary.</summary>
    public const string FileName = "section.json";

    /// <summary>The section's result table as CSV (<see cref="ResultTable.ToCsv"/>), the same table section.json holds.</summary>
    public const string TableFileName = "table.csv";

    /// <summary>The section's subfolder of <paramref name="runDirectory"/>, named by <see cref="RunSections.Name"/>.</summary>
    public static string FolderOf(string runDirectory, RunSection section)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        return Path.Combine(Path.GetFullPath(runDirectory), RunSections.Name(section));
    }

    /// <summary>Writes the section's section.json atomically (its folder is created).</summary>
    public static string Save(string runDirectory, SectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var folder = FolderOf(runDirectory, result.Section);
        Directory.CreateDirectory(folder);
        var json = new JsonObject
        {
            ["section"] = RunSections.Name(result.Section),
            ["profile"] = result.ProfileName,
            ["seeds"] = new JsonArray(result.Seeds.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["settings"] = result.Settings,
            ["fingerprint"] = result.Fingerprint,
            ["seconds"] = result.Seconds,
            ["written"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["table"] = result.Table.ToJson(),
        };
        AtomicFile.WriteAllText(Path.Combine(folder, TableFileName), result.Table.ToCsv());
        var path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, json.ToJsonString(KitJson.Options));
        return path;
    }

    /// <summary>The saved section, or null when it is not complete (no section.json).</summary>
    /// <exception cref="InvalidDataException">The section.json is unreadable or for another section (its path is named).</exception>
    public static SectionResult? TryLoad(string runDirectory, RunSection section)
    {
        var path = Path.Combine(FolderOf(runDirectory, section), FileName);
        if (!File.Exists(path)) return null;
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not readable JSON ({e.Message}). Delete its folder to run the section again.", e);
        }
        try
        {
            var name = json?["section"]?.GetValue<string>();
            if (name != RunSections.Name(section)) throw new InvalidDataException($"{path} holds section '{name}', expected '{RunSections.Name(section)}'.");
            var profile = json!["profile"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no profile.");
            var seeds = json["seeds"]?.AsArray().Select(s => s!.GetValue<int>()).ToArray() ?? throw new InvalidDataException($"{path} has no seeds.");
            var settings = json["settings"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no settings.");
            var seconds = json["seconds"]?.GetValue<double>() ?? double.NaN;
            var result = new SectionResult(section, profile, seeds, settings, ResultTable.FromJson(json["table"], path), seconds);
            if (json["fingerprint"]?.GetValue<string>() != result.Fingerprint)
                throw new InvalidDataException($"{path}: its fingerprint does not match its contents (edited by hand?). Delete its folder to run the section again.");
            return result;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"{path} is not a complete section summary ({e.Message}). Delete its folder to run the section again.", e);
        }
    }

    /// <summary>Every complete section of the run folder, in run order.</summary>
    public static IReadOnlyList<SectionResult> LoadAll(string runDirectory) =>
        RunSections.All.Select(s => TryLoad(runDirectory, s)).OfType<SectionResult>().ToArray();

    /// <summary>
    /// The section from disk when it is complete with the same profile, seeds and settings; otherwise runs it:
    /// <paramref name="run"/> gets the section's (created) folder, writes its own files there and returns the
    /// summary table; then section.json is written.
    /// </summary>
    /// <exception cref="InvalidDataException">A complete section with other profile, seeds or settings (the file is named).</exception>
    public static SectionResult GetOrRun(string runDirectory, RunSection section, string profileName, IReadOnlyList<int> seeds, string settings,
                                         Func<string, ResultTable> run, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(run);
        var name = RunSections.Name(section);
        var folder = FolderOf(runDirectory, section);
        var saved = TryLoad(runDirectory, section);
        if (saved is not null)
        {
            if (saved.Fingerprint != SectionResult.FingerprintOf(section, profileName, seeds, settings))
                throw new InvalidDataException(
                    $"{Path.Combine(folder, FileName)} was written with other settings (profile {saved.ProfileName}, seeds {string.Join(",", saved.Seeds)}, {saved.Settings}); " +
                    $"this run has profile {profileName}, seeds {string.Join(",", seeds)}, {settings}. Use another run folder, or delete {folder} to run the section again.");
            log?.WriteLine($"{name}: complete in {folder}, loaded (not rerun)");
            return saved;
        }
        Directory.CreateDirectory(folder);
        log?.WriteLine($"{name}: running (profile {profileName}, seeds {string.Join(",", seeds)})");
        var clock = Stopwatch.StartNew();
        var table = run(folder);
        var result = new SectionResult(section, profileName, seeds.ToArray(), settings, table, clock.Elapsed.TotalSeconds);
        Save(runDirectory, result);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: done in {result.Seconds:F1} s; saved in {folder}"));
        return result;
    }
}
