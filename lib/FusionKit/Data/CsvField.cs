namespace FusionKit.Data;

/// <summary>CSV fields as RFC 4180 writes them: quoted when they hold a comma, a quote or a line break, quotes doubled.</summary>
public static class CsvField
{
    /// <summary>The fields of one CSV line as <see cref="Quote"/> writes them (quoted fields may hold commas; "" is a quote).
    /// A field with a line break spans lines: split such files by record, not by line.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>The field quoted for CSV when it holds a comma, a quote or a line break (quotes doubled); else unchanged.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
