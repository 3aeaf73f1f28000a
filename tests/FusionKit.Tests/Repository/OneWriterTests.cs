using System.Text.RegularExpressions;
using FusionKit.Platform;

namespace FusionKit.Tests.Repository;

/// <summary>
/// One way to write result files (docs/results.md): the library and the command line declare no JSON option set
/// besides <c>Data/Json/KitJson.cs</c> and quote CSV fields only in the one table writer <c>Data/TableCsv.cs</c> (and the
/// image-manifest writer, an input format, not a result table).
/// </summary>
public partial class OneWriterTests
{
    private static string Root => KitPaths.RepositoryRoot() ?? throw new InvalidOperationException("Tests run inside the repository.");

    private static IEnumerable<string> SourceFiles() =>
        new[] { Path.Combine(Root, "lib", "FusionKit"), Path.Combine(Root, "lib", "FusionKit.Cli") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string[] Offenders(Regex pattern, params string[] allowed) =>
        SourceFiles().Select(f => (Path: Path.GetRelativePath(Root, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => !allowed.Contains(f.Path) && pattern.IsMatch(f.Text))
            .Select(f => f.Path).ToArray();

    [Fact]
    public void JsonOptionSets_AreDeclaredOnlyInKitJson()
    {
        var offenders = Offenders(JsonOptionSet(), "lib/FusionKit/Data/Json/KitJson.cs");
        Assert.True(offenders.Length == 0, "Use FusionKit.Data.Json.KitJson.Options instead of a new option set in:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void CsvFields_AreQuotedOnlyByTheOneTableWriter()
    {
        var offenders = Offenders(CsvQuote(), "lib/FusionKit/Data/TableCsv.cs", "lib/FusionKit/Data/Manifest/ManifestWriter.cs");
        Assert.True(offenders.Length == 0, "Write result tables with FusionKit.Data.TableCsv instead of quoting fields in:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Patterns_FindWhatTheyLookFor()
    {
        // The checks above cannot fail silently: their patterns match the forms a second writer takes.
        Assert.Matches(JsonOptionSet(), "x.ToJsonString(new JsonSerializerOptions { WriteIndented = true })");
        Assert.Matches(JsonOptionSet(), "new System.Text.Json.JsonSerializerOptions(other)");
        Assert.Matches(JsonOptionSet(), "internal static JsonSerializerOptions JsonOptions { get; } = new()");
        Assert.Matches(JsonOptionSet(), "private static readonly JsonSerializerOptions Compact = new(KitJson.Options);");
        Assert.DoesNotMatch(JsonOptionSet(), "public override double Read(ref Utf8JsonReader reader, Type t, JsonSerializerOptions options)");
        Assert.Matches(CsvQuote(), "csv.Append(CsvField.Quote(q.Question))");
    }

    [GeneratedRegex(@"new\s+(System\.Text\.Json\.)?JsonSerializerOptions\b|JsonSerializerOptions\s+\w+\s*(\{\s*get|=)")]
    private static partial Regex JsonOptionSet();

    [GeneratedRegex(@"\bCsvField\.Quote\(")]
    private static partial Regex CsvQuote();
}
