namespace FusionKit.Experiments.Interaction;

/// <summary>
/// Reads the interaction task's small data files: comma-separated, a header line, no quoting (no field holds a
/// comma), blank lines and lines starting with '#' skipped. Each line keeps its 1-based number for error messages.
/// </summary>
internal static class InteractionCsv
{
    public static IReadOnlyList<(int Number, IReadOnlyList<string> Fields)> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: data file not found (it ships in the repository's data/interaction folder).", path);
        var lines = File.ReadAllLines(path)
            .Select((text, i) => (Number: i + 1, Text: text.Trim()))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
            .Select(l => (l.Number, (IReadOnlyList<string>)l.Text.Split(',').Select(f => f.Trim()).ToArray()))
            .ToArray();
        if (lines.Length < 2) throw new InvalidDataException($"{path}: a header and at least one row are needed.");
        return lines;
    }
}
