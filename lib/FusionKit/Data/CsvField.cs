namespace FusionKit.Data;

/// <summary>CSV fields as RFC 4180 writes them: quoted when they hold a comma, a quote or a line break, quotes doubled.</summary>
public static class CsvField
{
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
