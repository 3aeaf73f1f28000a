using System.Text.Json;

namespace FusionKit.Data.Manifest;

/// <summary>
/// Parses manifest files: CSV with a header naming the columns image, text and label (any order, extra columns
/// ignored), quoted per RFC 4180; or JSON Lines with one object {"image", "text", "label"} per line.
/// Blank lines are ignored. File-level problems throw; row-level problems come back as entries with an error.
/// </summary>
internal static class ManifestParser
{
    public static readonly string[] RequiredColumns = ["image", "text", "label"];

    public static List<ManifestEntry> Parse(string path, string content)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ParseCsv(path, content),
            ".jsonl" or ".ndjson" => ParseJsonLines(content),
            _ => throw new InvalidDataException($"{path}: unknown manifest format '{extension}'; use .csv (header image,text,label) or .jsonl."),
        };
    }

    private static List<ManifestEntry> ParseCsv(string path, string content)
    {
        var records = CsvReader.Records(content).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0 && r.Error is null)).ToList();
        if (records.Count == 0) throw new InvalidDataException($"{path}: the CSV manifest is empty; it needs a header line image,text,label.");
        var header = records[0];
        if (header.Error is not null) throw new InvalidDataException($"{path}: line {header.Line}: header: {header.Error}");
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (!columns.TryAdd(name, i))
                throw new InvalidDataException($"{path}: line {header.Line}: header names column '{name}' twice.");
        }
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{path}: line {header.Line}: header lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; a manifest CSV starts with the header image,text,label (got '{string.Join(",", header.Fields)}').");

        var entries = new List<ManifestEntry>();
        foreach (var record in records.Skip(1))
        {
            if (record.Error is not null)
            {
                entries.Add(new ManifestEntry(record.Line, null, null, null, record.Error));
                continue;
            }
            if (record.Fields.Count != header.Fields.Count)
            {
                entries.Add(new ManifestEntry(record.Line, null, null, null,
                    $"malformed CSV row: {record.Fields.Count} field{(record.Fields.Count == 1 ? "" : "s")}, the header has {header.Fields.Count}."));
                continue;
            }
            entries.Add(Entry(record.Line, record.Fields[columns["image"]], record.Fields[columns["text"]], record.Fields[columns["label"]]));
        }
        return entries;
    }

    private static ManifestEntry Entry(int line, string image, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(image)) return new ManifestEntry(line, null, null, null, "the image path is empty.");
        if (string.IsNullOrWhiteSpace(label)) return new ManifestEntry(line, image, null, null, "the label is empty.");
        return new ManifestEntry(line, image, string.IsNullOrEmpty(text) ? null : text, label.Trim(), null);
    }

    private static List<ManifestEntry> ParseJsonLines(string content)
    {
        var entries = new List<ManifestEntry>();
        var lines = content.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var text = lines[n].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(text)) continue;
            entries.Add(JsonEntry(n + 1, text));
        }
        return entries;
    }

    private static ManifestEntry JsonEntry(int line, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new ManifestEntry(line, null, null, null, $"malformed JSON line: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new ManifestEntry(line, null, null, null, $"malformed JSON line: expected an object {{\"image\", \"text\", \"label\"}}, got {root.ValueKind}.");
            var image = StringProperty(root, "image", out var imageError);
            var text = StringProperty(root, "text", out var textError);
            var label = StringProperty(root, "label", out var labelError);
            var error = imageError ?? textError ?? labelError;
            if (error is not null) return new ManifestEntry(line, image, null, null, $"malformed JSON line: {error}");
            if (image is null) return new ManifestEntry(line, null, null, null, "malformed JSON line: no \"image\" property.");
            if (label is null) return new ManifestEntry(line, image, null, null, "malformed JSON line: no \"label\" property.");
            return Entry(line, image, text, label);
        }
    }

    private static string? StringProperty(JsonElement root, string name, out string? error)
    {
        error = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        error = $"\"{name}\" must be a string, got {value.ValueKind}.";
        return null;
    }
}
