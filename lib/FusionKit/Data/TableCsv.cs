using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Data;

/// <summary>
/// The kit's one writer of result tables as CSV (sweep.csv, retrieval.csv, zero-shot.csv, the case study's
/// metrics.csv and summary.csv, the generation tables): RFC 4180 quoting (<see cref="CsvField.Quote"/>), a header row
/// of the column names, invariant culture, doubles in round-trip form, lines ending in "\n". One rule for a missing
/// value: an empty field, never "NaN" text. A missing value is a null cell or a non-finite double (NaN, e.g. the
/// standard deviation of one seed or the ablation of a single-modality baseline; ±infinity never occurs in a result).
/// The same tables' JSON writes null there (JSON has no NaN).
/// </summary>
public static class TableCsv
{
    /// <summary>The frame as CSV text (write it with the kit's atomic writer, <c>AtomicFile.WriteAllText</c>).</summary>
    public static string ToCsv(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var csv = new StringBuilder();
        csv.AppendJoin(',', frame.Columns.Select(c => CsvField.Quote(c.Name))).Append('\n');
        for (long r = 0; r < frame.Rows.Count; r++)
            csv.AppendJoin(',', frame.Columns.Select(c => CsvField.Quote(Cell(c[r])))).Append('\n');
        return csv.ToString();
    }

    /// <summary>One cell as CSV text before quoting: "" for a missing value (null, NaN, ±infinity), doubles and floats in
    /// round-trip form, other numbers and booleans in invariant culture, anything else as its text.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : "",
        bool b => b ? "true" : "false",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
