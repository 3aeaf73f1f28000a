using System.Text;

namespace FusionKit.Data;

/// <summary>The kit's one CSV reader, the inverse of <see cref="CsvField.Quote"/> and <see cref="TableCsv"/>: image manifests and result tables are read with it.</summary>
public static class CsvReader
{
    /// <summary>RFC 4180 records: fields split by commas, records by CRLF or LF; a quoted field may hold commas,
    /// line breaks and doubled quotes. A malformed record is reported (<see cref="CsvRecord.Error"/>) and parsing
    /// resumes on the next line.</summary>
    public static IEnumerable<CsvRecord> Records(string s)
    {
        var i = 0;
        var line = 1;
        while (i < s.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var atFieldStart = true;
            var endOfRecord = false;
            while (!endOfRecord)
            {
                if (i >= s.Length) break;
                var c = s[i];
                if (atFieldStart && c == '"')
                {
                    // Quoted field: runs to the next lone quote.
                    var openLine = line;
                    i++;
                    var closed = false;
                    while (i < s.Length)
                    {
                        if (s[i] == '"')
                        {
                            if (i + 1 < s.Length && s[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                            i++;
                            closed = true;
                            break;
                        }
                        if (s[i] == '\n') line++;
                        field.Append(s[i++]);
                    }
                    if (!closed)
                    {
                        error = $"malformed CSV row: the quoted field opened on line {openLine} is never closed.";
                        break;
                    }
                    atFieldStart = false;
                    if (i < s.Length && s[i] is not (',' or '\r' or '\n'))
                    {
                        error = $"malformed CSV row: unexpected '{s[i]}' after the closing quote of field {fields.Count + 1}.";
                        break;
                    }
                    continue;
                }
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        i++;
                        break;
                    case '\r' when i + 1 < s.Length && s[i + 1] == '\n':
                        i += 2;
                        line++;
                        endOfRecord = true;
                        break;
                    case '\n':
                        i++;
                        line++;
                        endOfRecord = true;
                        break;
                    case '"':
                        error = $"malformed CSV row: a quote inside the unquoted field {fields.Count + 1}; quote the whole field and double inner quotes.";
                        break;
                    default:
                        field.Append(c);
                        atFieldStart = false;
                        i++;
                        break;
                }
                if (error is not null) break;
            }
            if (error is not null)
            {
                // Resume after the current physical line.
                while (i < s.Length && s[i] != '\n') i++;
                if (i < s.Length) { i++; line++; }
                yield return new CsvRecord(startLine, fields, error);
                continue;
            }
            fields.Add(field.ToString());
            yield return new CsvRecord(startLine, fields, null);
        }
    }
}
