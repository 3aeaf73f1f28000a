using System.Security.Cryptography;
using System.Text;

namespace FusionKit.Data.Manifest;

/// <summary>
/// Loads a user dataset: a folder of images plus a manifest, either CSV (header <c>image,text,label</c>, RFC 4180
/// quoting so text may hold commas, quotes and line breaks) or JSON Lines (<c>{"image": ..., "text": ..., "label": ...}</c>).
/// Image paths are relative to the manifest's folder. The classes come from <see cref="ManifestLoadOptions.Classes"/>,
/// else from <c>classes.txt</c> next to the manifest (one name per line), else they are the sorted distinct labels.
/// Every bad row (malformed, unknown label, missing, corrupt, truncated or oversized image) is an error naming the
/// manifest, the line and the image path, or, under <see cref="BadRowPolicy.Skip"/>, an entry of the skip report.
/// </summary>
public static class ManifestDataset
{
    /// <summary>Optional class list next to the manifest.</summary>
    public const string ClassesFileName = "classes.txt";

    /// <summary>Loads the manifest at <paramref name="manifestPath"/>.</summary>
    public static ManifestLoadResult Load(string manifestPath, ManifestLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestPath);
        options ??= new ManifestLoadOptions();
        var manifest = Path.GetFullPath(manifestPath);
        if (!File.Exists(manifest)) throw new FileNotFoundException($"{manifest}: manifest file not found.", manifest);
        var folder = Path.GetDirectoryName(manifest)!;
        var entries = ManifestParser.Parse(manifest, File.ReadAllText(manifest));
        var givenClasses = options.Classes is { } explicitClasses
            ? ValidateClasses(explicitClasses, "the class list given in ManifestLoadOptions.Classes")
            : ReadClassesFile(Path.Combine(folder, ClassesFileName));
        var classIndex = givenClasses?.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        // Decode in parallel; report in row order.
        var outcomes = new RowOutcome[entries.Count];
        Parallel.For(0, entries.Count, i => outcomes[i] = LoadRow(entries[i], folder, classIndex, options.MaxPixels));

        var skipped = new List<SkippedRow>();
        var kept = new List<RowOutcome>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is null)
            {
                kept.Add(outcome);
                continue;
            }
            var row = new SkippedRow(manifest, outcome.Entry.Line, outcome.Entry.Image, outcome.Error);
            if (options.Policy == BadRowPolicy.Fail) throw new InvalidDataException(row.ToString());
            skipped.Add(row);
        }
        if (kept.Count == 0)
            throw new InvalidDataException(skipped.Count == 0
                ? $"{manifest}: the dataset is empty: the manifest lists no images."
                : $"{manifest}: the dataset is empty: all {skipped.Count} rows were bad and skipped (first: {skipped[0]}).");

        var classes = givenClasses ?? kept.Select(k => k.Entry.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        classIndex ??= classes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>(kept.Count);
        foreach (var k in kept)
        {
            var id = ids.Add(k.Entry.Image!) ? k.Entry.Image! : $"{k.Entry.Image}@line{k.Entry.Line}";
            ids.Add(id);
            samples.Add(new Sample(id, k.Image!, classIndex[k.Entry.Label!], k.Entry.Text));
        }
        var name = options.Name ?? Path.GetFileNameWithoutExtension(manifest);
        return new ManifestLoadResult(new Dataset(name, classes, samples, Fingerprint(classes, samples, kept)), skipped);
    }

    private sealed record RowOutcome(ManifestEntry Entry, RawImage? Image, byte[]? FileHash, string? Error);

    private static RowOutcome LoadRow(ManifestEntry entry, string folder, Dictionary<string, int>? classIndex, long maxPixels)
    {
        if (entry.Error is not null) return new RowOutcome(entry, null, null, entry.Error);
        if (classIndex is not null && !classIndex.ContainsKey(entry.Label!))
        {
            var known = string.Join(", ", classIndex.Keys.Take(20)) + (classIndex.Count > 20 ? ", ..." : "");
            return new RowOutcome(entry, null, null, $"unknown label '{entry.Label}'; the classes are: {known}.");
        }
        var path = Path.GetFullPath(Path.Combine(folder, entry.Image!));
        if (!File.Exists(path)) return new RowOutcome(entry, null, null, $"image file not found: {path}");
        try
        {
            var bytes = File.ReadAllBytes(path);
            var image = ImageFileDecoder.Decode(bytes, maxPixels);
            return new RowOutcome(entry, image, SHA256.HashData(bytes), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new RowOutcome(entry, null, null, e.Message);
        }
    }

    private static string[]? ReadClassesFile(string path)
    {
        if (!File.Exists(path)) return null;
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        for (var n = 0; n < lines.Length; n++)
        {
            var name = lines[n].Trim();
            if (name.Length == 0) continue;
            if (!seen.Add(name)) throw new InvalidDataException($"{path}: line {n + 1}: class '{name}' is listed twice.");
            names.Add(name);
        }
        return names.Count > 0 ? names.ToArray() : throw new InvalidDataException($"{path}: the class list is empty.");
    }

    private static string[] ValidateClasses(IReadOnlyList<string> classes, string source)
    {
        if (classes.Count == 0) throw new ArgumentException($"{source} is empty.", nameof(classes));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in classes)
        {
            if (string.IsNullOrWhiteSpace(c)) throw new ArgumentException($"{source} holds a blank class name.", nameof(classes));
            if (!seen.Add(c.Trim())) throw new ArgumentException($"{source} lists class '{c}' twice.", nameof(classes));
        }
        return classes.Select(c => c.Trim()).ToArray();
    }

    /// <summary>SHA-256 over the class list and, per sample, its id, image file hash, label and text.</summary>
    private static string Fingerprint(IReadOnlyList<string> classes, List<Sample> samples, List<RowOutcome> kept)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\u001F"));
        Add("fusionkit-manifest-v1");
        Add(string.Join("\u001E", classes));
        for (var i = 0; i < samples.Count; i++)
        {
            Add(samples[i].Id);
            hash.AppendData(kept[i].FileHash!);
            Add(samples[i].Label.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(samples[i].Text ?? "\u0000");
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
