using System.Text.Json;
using System.Text.Json.Serialization;

namespace FusionKit.Data.Json;

/// <summary>
/// The JSON side of the kit's missing-value rule (<see cref="KitJson"/>, <see cref="FusionKit.Data.TableCsv"/>): a finite double is
/// written as a number in round-trip form, a missing one (NaN, ±infinity) as <c>null</c>; <c>null</c> reads back as NaN.
/// </summary>
public sealed class MissingNumberConverter : JsonConverter<double>
{
    /// <summary>True: <c>null</c> reaches <see cref="Read"/> (as NaN) instead of failing for a non-nullable double.</summary>
    public override bool HandleNull => true;

    /// <summary>A number, or NaN for <c>null</c>.</summary>
    /// <exception cref="JsonException">Any other token (e.g. the text "NaN" of an older file).</exception>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => double.NaN,
        JsonTokenType.Number => reader.GetDouble(),
        _ => throw new JsonException($"Expected a number or null (a missing value), found {reader.TokenType}."),
    };

    /// <summary>The number, or <c>null</c> when it is NaN or infinite.</summary>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
