using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FusionKit.Data.Json;

/// <summary>
/// The kit's one JSON option set, used by every file it writes or reads (section.json, run config, result JSON,
/// training files, model info, cache metadata): indented, camelCase property names, enums as their names, non-ASCII
/// text written as is. The missing-value rule is the CSV writer's (<see cref="FusionKit.Data.TableCsv"/>): a double that is NaN
/// or infinite (e.g. the standard deviation of one seed) is written as <c>null</c>, never as the text "NaN", and
/// <c>null</c> reads back as NaN (<see cref="MissingNumberConverter"/>).
/// </summary>
public static class KitJson
{
    /// <summary>The option set for files: indented.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>The same options on one line (settings strings that are hashed into fingerprints).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(), new MissingNumberConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
