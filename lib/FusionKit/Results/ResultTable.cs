using System.Globalization;
using System.Text.Json.Nodes;
using FusionKit.Data;
using Microsoft.Data.Analysis;

namespace FusionKit.Results;

/// <summary>
/// The one shape of every experiment's result table (docs/results.md): setting columns that name what was run, then
/// <c>metric, mean, std, n</c>, one row per setting and metric (the long form). Each experiment's typed result keeps its
/// type and exposes its table in this shape; the run sections store it (section.json, table.csv), and charts and the
/// "mean ± std" headline read it by type, never by guessing column names. <see cref="Wide"/> is the documented wide
/// view (<c>&lt;metric&gt;_mean</c>, <c>&lt;metric&gt;_std</c>, <c>&lt;metric&gt;_n</c>) derived from it. Missing value rule:
/// a NaN mean or std is written as an empty CSV field and as JSON null, and reads back as NaN.
/// </summary>
public sealed class ResultTable
{
    /// <summary>The column names after the setting columns, in order.</summary>
    public static IReadOnlyList<string> ValueColumns { get; } = [MetricColumn, MeanColumn, StdColumn, CountColumn];

    /// <summary>The metric's name.</summary>
    public const string MetricColumn = "metric";

    /// <summary>The mean over seeds.</summary>
    public const string MeanColumn = "mean";

    /// <summary>The sample standard deviation over seeds (missing for one seed).</summary>
    public const string StdColumn = "std";

    /// <summary>How many seeds the mean is over.</summary>
    public const string CountColumn = "n";

    /// <summary>A table of <paramref name="rows"/>, each with one value per setting column.</summary>
    /// <exception cref="ArgumentException">A setting column named twice or named like a value column, or a row whose settings do not match the columns.</exception>
    public ResultTable(IReadOnlyList<string> settingColumns, IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(settingColumns);
        ArgumentNullException.ThrowIfNull(rows);
        if (settingColumns.Distinct(StringComparer.Ordinal).Count() != settingColumns.Count || settingColumns.Any(ValueColumns.Contains))
            throw new ArgumentException($"Setting columns must be distinct and none of {string.Join(", ", ValueColumns)}; got {string.Join(", ", settingColumns)}.", nameof(settingColumns));
        SettingColumns = settingColumns.ToArray();
        Rows = rows.ToArray();
        foreach (var row in Rows)
            if (row.Settings.Count != SettingColumns.Count)
                throw new ArgumentException($"A row of metric '{row.Metric}' has {row.Settings.Count} setting values for {SettingColumns.Count} setting columns ({string.Join(", ", SettingColumns)}).", nameof(rows));
    }

    /// <summary>The columns that name a row's setting, in order.</summary>
    public IReadOnlyList<string> SettingColumns { get; }

    /// <summary>The rows, one per setting and metric.</summary>
    public IReadOnlyList<ResultRow> Rows { get; }

    /// <summary>The metrics in order of first appearance.</summary>
    public IReadOnlyList<string> Metrics => Rows.Select(r => r.Metric).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether the table has a setting column of this name.</summary>
    public bool HasSetting(string column) => SettingColumns.Contains(column, StringComparer.Ordinal);

    /// <summary>The row's value of a setting column, or its metric for <see cref="MetricColumn"/>.</summary>
    /// <exception cref="ArgumentException">A column the table has not (the ones it has are listed).</exception>
    public string Cell(ResultRow row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (column == MetricColumn) return row.Metric;
        var index = SettingColumns.ToList().IndexOf(column);
        if (index < 0) throw new ArgumentException($"The table has no setting column '{column}'; it has: {string.Join(", ", SettingColumns)}.", nameof(column));
        return row.Settings[index];
    }

    /// <summary>The rows for which <paramref name="keep"/> holds, same setting columns.</summary>
    public ResultTable Where(Func<ResultRow, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return new ResultTable(SettingColumns, Rows.Where(keep));
    }

    /// <summary>The rows of one metric.</summary>
    public ResultTable OfMetric(string metric) => Where(r => r.Metric == metric);

    /// <summary>The long form as a frame: the setting columns (text), "metric" (text), "mean", "std" (double, NaN when missing), "n" (int).</summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame();
        for (var c = 0; c < SettingColumns.Count; c++)
        {
            var index = c;
            frame.Columns.Add(new StringDataFrameColumn(SettingColumns[c], Rows.Select(r => r.Settings[index])));
        }
        frame.Columns.Add(new StringDataFrameColumn(MetricColumn, Rows.Select(r => r.Metric)));
        frame.Columns.Add(new DoubleDataFrameColumn(MeanColumn, Rows.Select(r => r.Mean)));
        frame.Columns.Add(new DoubleDataFrameColumn(StdColumn, Rows.Select(r => r.Std)));
        frame.Columns.Add(new Int32DataFrameColumn(CountColumn, Rows.Select(r => r.N)));
        return frame;
    }

    /// <summary>
    /// The wide view derived from the long form: one row per distinct setting (in order of first appearance), the
    /// setting columns, then for each metric (in order) <c>&lt;metric&gt;_mean</c>, <c>&lt;metric&gt;_std</c> and
    /// <c>&lt;metric&gt;_n</c>; a setting without that metric has missing (null) cells there.
    /// </summary>
    public DataFrame Wide()
    {
        var keys = Rows.Select(Key).Distinct(StringComparer.Ordinal).ToArray();
        var first = keys.Select(k => Rows.First(r => Key(r) == k)).ToArray();
        var frame = new DataFrame();
        for (var c = 0; c < SettingColumns.Count; c++)
        {
            var index = c;
            frame.Columns.Add(new StringDataFrameColumn(SettingColumns[c], first.Select(r => r.Settings[index])));
        }
        foreach (var metric in Metrics)
        {
            var byKey = Rows.Where(r => r.Metric == metric).GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            ResultRow? Of(string key) => byKey.GetValueOrDefault(key);
            frame.Columns.Add(new DoubleDataFrameColumn($"{metric}_{MeanColumn}", keys.Select(k => Of(k)?.Mean)));
            frame.Columns.Add(new DoubleDataFrameColumn($"{metric}_{StdColumn}", keys.Select(k => Of(k)?.Std)));
            frame.Columns.Add(new Int32DataFrameColumn($"{metric}_{CountColumn}", keys.Select(k => Of(k)?.N)));
        }
        return frame;
    }

    /// <summary>The long form as CSV, written by the kit's one table writer (<see cref="TableCsv"/>; a missing mean or std is an empty field).</summary>
    public string ToCsv() => TableCsv.ToCsv(ToDataFrame());

    /// <summary>The long form as JSON (<see cref="TableJson"/>; a missing mean or std is null).</summary>
    public JsonObject ToJson() => TableJson.ToJson(ToDataFrame());

    /// <summary>Reads a table written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">Not a table of this shape, naming <paramref name="source"/>.</exception>
    public static ResultTable FromJson(JsonNode? json, string source) => FromDataFrame(TableJson.FromJson(json, source), source);

    /// <summary>Reads a long frame (<see cref="ToDataFrame"/>): every column before "metric" is a setting column; null mean or std cells are NaN.</summary>
    /// <exception cref="InvalidDataException">The frame does not end in metric, mean, std, n (names <paramref name="source"/> and what it has).</exception>
    public static ResultTable FromDataFrame(DataFrame frame, string source)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var names = frame.Columns.Select(c => c.Name).ToArray();
        CheckHeader(names, source);
        var settings = names[..^ValueColumns.Count];
        var rows = new List<ResultRow>();
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var row = r;
            var n = frame.Columns[CountColumn][r];
            rows.Add(new ResultRow(settings.Select(s => TableJson.Text(frame.Columns[s][row])).ToArray(), TableJson.Text(frame.Columns[MetricColumn][r]),
                TableJson.Number(frame.Columns[MeanColumn][r]), TableJson.Number(frame.Columns[StdColumn][r]),
                n is null ? throw new InvalidDataException($"{source}: row {r + 1} has no n (seed count).") : Convert.ToInt32(n, CultureInfo.InvariantCulture)));
        }
        return new ResultTable(settings, rows);
    }

    /// <summary>Reads a table written by <see cref="ToCsv"/> (<see cref="CsvReader"/>): an empty mean or std field is NaN.</summary>
    /// <exception cref="InvalidDataException">A malformed file, naming <paramref name="source"/>, the line and the column.</exception>
    public static ResultTable FromCsv(string csv, string source)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var records = CsvReader.Records(csv).ToArray();
        if (records.Length == 0) throw new InvalidDataException($"{source}: empty; a result table starts with a header ending in {string.Join(",", ValueColumns)}.");
        var header = records[0].Fields.ToArray();
        CheckHeader(header, source);
        var settings = header[..^ValueColumns.Count];
        var rows = new List<ResultRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Error is not null) throw new InvalidDataException($"{source}: line {record.Line}: {record.Error}");
            if (record.Fields.Count != header.Length)
                throw new InvalidDataException($"{source}: line {record.Line}: {record.Fields.Count} fields, the header has {header.Length}.");
            double Number(int column)
            {
                var text = record.Fields[column];
                if (text.Length == 0) return double.NaN; // the missing-value rule: an empty field
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                    ? value
                    : throw new InvalidDataException($"{source}: line {record.Line}: column '{header[column]}' holds '{text}', not a number (a missing value is an empty field).");
            }
            var count = record.Fields[^1];
            if (!int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                throw new InvalidDataException($"{source}: line {record.Line}: column 'n' holds '{count}', not a whole number of seeds.");
            rows.Add(new ResultRow(record.Fields.Take(settings.Length).ToArray(), record.Fields[settings.Length], Number(settings.Length + 1), Number(settings.Length + 2), n));
        }
        return new ResultTable(settings, rows);
    }

    private static void CheckHeader(string[] names, string source)
    {
        if (names.Length < ValueColumns.Count || !names[^ValueColumns.Count..].SequenceEqual(ValueColumns))
            throw new InvalidDataException(
                $"{source}: not a result table: its columns ({string.Join(", ", names)}) do not end in {string.Join(", ", ValueColumns)}. " +
                "A table written by an earlier release (wide mean/std columns) cannot be read; run the section again in a new run folder.");
    }

    private static string Key(ResultRow row) => string.Join('\u001f', row.Settings);
}
