using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Evaluation;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// The files of a case study's folder (the run folder's <c>case-study/</c> section): <c>study.json</c> (profile,
/// settings, seeds, class names and data fingerprints, what <see cref="CaseStudyExperiment.Load"/> needs) and
/// <c>runs/&lt;model&gt;-seed&lt;k&gt;.json</c>, one per trained model and seed, written atomically when that model's
/// evaluations are done. A rerun on the same folder loads them instead of training again; a file written under
/// other settings or data is refused with its path.
/// </summary>
internal sealed class CaseStudyStore(string folder)
{
    public const string RunsFolder = "runs";

    /// <summary>The case study's settings file in its folder.</summary>
    public const string SettingsFileName = "study.json";


    /// <summary>The case study's folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    public string PathOf(string trainingKey) => Path.Combine(Folder, RunsFolder, trainingKey + ".json");

    /// <summary>Writes study.json: profile, settings, seeds, class names, encoders and data fingerprints.</summary>
    public void WriteSettings(RunProfile profile, CaseStudyConfig config, IReadOnlyList<int> seeds, IReadOnlyList<string> classNames, CaseStudyDataInfo data)
    {
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["profile"] = JsonSerializer.SerializeToNode(profile, KitJson.Options),
            ["seeds"] = JsonSerializer.SerializeToNode(seeds, KitJson.Options),
            ["classNames"] = JsonSerializer.SerializeToNode(classNames, KitJson.Options),
            ["config"] = JsonSerializer.SerializeToNode(config, KitJson.Options),
            ["textEncoders"] = JsonSerializer.SerializeToNode(config.TextEncoders, KitJson.Options),
            ["imageEncoder"] = data.ImageEncoder,
            ["data"] = JsonSerializer.SerializeToNode(data, KitJson.Options),
        };
        Directory.CreateDirectory(Folder);
        AtomicFile.WriteAllText(Path.Combine(Folder, SettingsFileName), json.ToJsonString(KitJson.Options));
    }

    /// <summary>The saved training, or null when none was saved.</summary>
    /// <exception cref="InvalidDataException">The file is unreadable or from other settings/data.</exception>
    public TrainingFile? TryLoad(string trainingKey, string fingerprint)
    {
        var path = PathOf(trainingKey);
        if (!File.Exists(path)) return null;
        TrainingFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TrainingFile>(File.ReadAllText(path), KitJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable case-study result ({e.Message}). Delete it to train that model again.", e);
        }
        if (file is null || file.Evaluations is null || file.Epochs is null)
            throw new InvalidDataException($"{path} is empty or incomplete. Delete it to train that model again.");
        if (file.Fingerprint != fingerprint)
            throw new InvalidDataException($"{path} was written by a run with other settings or data ({file.Fingerprint}); this run is ({fingerprint}). Use another run folder.");
        return file;
    }

    public void Save(string trainingKey, TrainingFile file) =>
        AtomicFile.WriteAllText(PathOf(trainingKey), JsonSerializer.Serialize(file, KitJson.Options));

    /// <summary>A confusion matrix with the given counts (rows true, columns predicted).</summary>
    public static ConfusionMatrix ConfusionFromCounts(int[][] counts, IReadOnlyList<string> classNames)
    {
        var k = classNames.Count;
        if (counts.Length != k || counts.Any(row => row is null || row.Length != k))
            throw new InvalidDataException($"A confusion matrix for {k} classes needs {k} rows of {k} counts.");
        var yTrue = new List<int>();
        var yPred = new List<int>();
        for (var r = 0; r < k; r++)
        for (var c = 0; c < k; c++)
        {
            if (counts[r][c] < 0) throw new InvalidDataException($"Confusion count [{r}][{c}] = {counts[r][c]} is negative.");
            for (var n = 0; n < counts[r][c]; n++)
            {
                yTrue.Add(r);
                yPred.Add(c);
            }
        }
        return ConfusionMatrix.Compute(yTrue.ToArray(), yPred.ToArray(), classNames);
    }

    public static int[][] Counts(ConfusionMatrix matrix) =>
        Enumerable.Range(0, matrix.ClassCount).Select(r => Enumerable.Range(0, matrix.ClassCount).Select(c => matrix[r, c]).ToArray()).ToArray();

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
