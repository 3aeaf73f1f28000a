using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Experiments.CaseStudy;

namespace FusionKit.Runs;

/// <summary>
/// A run folder's <c>config.json</c>, at its root: the run id, the profile, the model seeds every section uses, the
/// folder layout, the package versions (<see cref="PackageVersions"/>) and the runtime. It is written once, by the
/// first section that runs (<see cref="Ensure"/>); a resume reads the profile and seeds back from it. Each section
/// keeps its own settings in its subfolder (<see cref="SectionStore"/>).
/// </summary>
/// <param name="RunId">The folder's name.</param>
/// <param name="ProfileName">The data profile's name.</param>
/// <param name="Seeds">The model seeds of every section.</param>
public sealed record RunConfigFile(string RunId, string ProfileName, IReadOnlyList<int> Seeds)
{
    /// <summary>The file's name, at the run folder's root.</summary>
    public const string FileName = "config.json";

    /// <summary>The value of config.json's <c>layout</c>: every section, the case study included, in a subfolder of its own,
    /// each with its result table in the one shape (setting columns plus metric, mean, std, n; docs/results.md).</summary>
    public const string Layout = "sections+result-tables";

    /// <summary>The layout before the one result-table shape: section tables with wide mean/std columns and "NaN" text.</summary>
    private const string WideTablesLayout = "sections";

    /// <summary>
    /// Writes config.json unless the folder already has one (created if missing); refuses a folder in an earlier
    /// release's layout (<see cref="CheckLayout"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The folder holds a run of an earlier layout (the message says to rerun).</exception>
    public static void Ensure(string runDirectory, RunProfile profile, IReadOnlyList<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(seeds);
        CheckLayout(runDirectory);
        Directory.CreateDirectory(runDirectory);
        var path = Path.Combine(runDirectory, FileName);
        if (File.Exists(path)) return;
        var json = new JsonObject
        {
            ["runId"] = IdOf(runDirectory),
            ["written"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["layout"] = Layout,
            ["profile"] = JsonSerializer.SerializeToNode(profile, KitJson.Options),
            ["seeds"] = JsonSerializer.SerializeToNode(seeds, KitJson.Options),
            ["packages"] = PackageVersions.ToJson(),
            ["runtime"] = new JsonObject
            {
                [".NET"] = Environment.Version.ToString(),
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["processors"] = Environment.ProcessorCount,
            },
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(KitJson.Options));
    }

    /// <summary>The folder's config.json, or null when it has none yet.</summary>
    /// <exception cref="InvalidDataException">An unreadable file, or a run of an earlier layout (both named, with what to do).</exception>
    public static RunConfigFile? TryRead(string runDirectory)
    {
        CheckLayout(runDirectory);
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path));
            var profile = json?["profile"]?["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} names no profile.");
            var seeds = json!["seeds"]?.AsArray().Select(s => s!.GetValue<int>()).ToArray() ?? throw new InvalidDataException($"{path} lists no seeds.");
            return new RunConfigFile(json["runId"]?.GetValue<string>() ?? IdOf(runDirectory), profile, seeds);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a readable run configuration ({e.Message}). Start a new run.", e);
        }
    }

    /// <summary>
    /// Refuses a run folder written before every section had a subfolder of its own: its case study lies at the top
    /// (<c>runs/</c>, <c>metrics.json</c>) or its config.json has no <c>layout</c>. Such a run cannot be resumed or
    /// reported by this release; its files stay readable as they are. A missing or empty folder passes.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder is of the earlier layout: the message names it and says to rerun.</exception>
    public static void CheckLayout(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var dir = Path.GetFullPath(runDirectory);
        var config = Path.Combine(dir, FileName);
        var old = Directory.Exists(Path.Combine(dir, "runs")) || File.Exists(Path.Combine(dir, "metrics.json"));
        if (!old && File.Exists(config))
        {
            string? layout;
            try
            {
                layout = JsonNode.Parse(File.ReadAllText(config))?["layout"]?.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                layout = null;
            }
            if (layout == WideTablesLayout)
                throw new InvalidDataException(
                    $"{dir} was written by an earlier release whose section tables had wide mean/std columns (accuracy_mean, \"S mean\") and "
                    + "wrote a missing value as \"NaN\"; this release reads one table shape (setting columns plus metric, mean, std, n) and cannot "
                    + "resume or report that run. Rerun it into a new folder (./fusionkit case-study --profile <profile>); the old folder's files stay readable as they are.");
            old = layout != Layout;
        }
        if (old)
            throw new InvalidDataException(
                $"{dir} was written by an earlier release, which kept the case study at the top of the run folder; this release keeps every "
                + "section (case-study, fusion, retrieval, zero-shot, interaction) in a subfolder of its own and cannot resume or report that run. "
                + "Rerun it into a new folder (./fusionkit case-study --profile <profile>); the old folder's files stay readable as they are.");
    }

    private static string IdOf(string runDirectory) => Path.GetFileName(Path.GetFullPath(runDirectory).TrimEnd(Path.DirectorySeparatorChar));
}
