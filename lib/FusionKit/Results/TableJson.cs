using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Data;
using FusionKit.Data.Json;
using Microsoft.Data.Analysis;

namespace FusionKit.Results;

/// <summary>
/// A <see cref="DataFrame"/> as JSON that reads back exactly: <c>{"columns": [{"name", "type", "values"}]}</c> with
/// types "string", "double", "int", "long" and "bool". Doubles round-trip. The kit's one missing-value rule
/// (<see cref="KitJson"/>, <see cref="TableCsv"/>): a missing value (a null cell, or a double that is NaN or infinite)
/// is written as <c>null</c>, never as the text "NaN", and reads back as a missing (null) cell.
/// </summary>
public static class TableJson
{
    /// <summary>The frame as a JSON object.</summary>
    /// <exception cref="NotSupportedException">A column of another type (named).</exception>
    public static JsonObject ToJson(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var columns = new JsonArray();
        foreach (var column in frame.Columns)
        {
            var type = column switch
            {
                StringDataFrameColumn => "string",
                DoubleDataFrameColumn => "double",
                Int32DataFrameColumn => "int",
                Int64DataFrameColumn => "long",
                BooleanDataFrameColumn => "bool",
                _ => throw new NotSupportedException($"Column '{column.Name}' is a {column.DataType.Name} column; TableJson stores string, double, int, long and bool columns."),
            };
            var values = new JsonArray();
            for (long r = 0; r < column.Length; r++) values.Add(Value(column[r]));
            columns.Add(new JsonObject { ["name"] = column.Name, ["type"] = type, ["values"] = values });
        }
        return new JsonObject { ["columns"] = columns };
    }

    /// <summary>Reads a frame written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The object.</param>
    /// <param name="source">Where it came from (file path), for error messages.</param>
    /// <exception cref="InvalidDataException">A malformed table, naming <paramref name="source"/> and the column.</exception>
    public static DataFrame FromJson(JsonNode? json, string source)
    {
        if (json?["columns"] is not JsonArray columns) throw new InvalidDataException($"{source}: the table has no \"columns\" array.");
        var frame = new DataFrame();
        long? rows = null;
        foreach (var node in columns)
        {
            var name = node?["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{source}: a table column has no name.");
            var type = node["type"]?.GetValue<string>();
            if (node["values"] is not JsonArray values) throw new InvalidDataException($"{source}: column '{name}' has no \"values\" array.");
            if (rows is { } n && values.Count != n) throw new InvalidDataException($"{source}: column '{name}' has {values.Count} values, the columns before it {n}.");
            rows = values.Count;
            try
            {
                frame.Columns.Add(type switch
                {
                    "string" => new StringDataFrameColumn(name, values.Select(v => v?.GetValue<string>())),
                    "double" => new DoubleDataFrameColumn(name, values.Select(ReadDouble)),
                    "int" => new Int32DataFrameColumn(name, values.Select(v => v?.GetValue<int>())),
                    "long" => new Int64DataFrameColumn(name, values.Select(v => v?.GetValue<long>())),
                    "bool" => new BooleanDataFrameColumn(name, values.Select(v => v?.GetValue<bool>())),
                    _ => throw new InvalidDataException($"{source}: column '{name}' has type '{type}'; expected string, double, int, long or bool."),
                });
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{source}: column '{name}' holds a value that is not a {type} ({e.Message}).", e);
            }
        }
        return frame;
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        double d when !double.IsFinite(d) => null, // missing: null, as in every JSON file of the kit
        double d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => throw new NotSupportedException($"A {value.GetType().Name} value cannot be stored."),
    };

    private static double? ReadDouble(JsonNode? node)
    {
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.Number) throw new FormatException($"{node.ToJsonString()} is not a number or null (a missing value)");
        return node.GetValue<double>();
    }

    /// <summary>A cell as a double: numbers converted, null and non-numbers NaN.</summary>
    internal static double Number(object? cell) => cell switch
    {
        null => double.NaN,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => double.NaN,
    };

    /// <summary>A cell as invariant text ("" for null).</summary>
    internal static string Text(object? cell) => cell switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
