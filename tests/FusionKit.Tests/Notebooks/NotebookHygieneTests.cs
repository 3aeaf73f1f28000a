using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FusionKit.Platform;

namespace FusionKit.Tests.Notebooks;

/// <summary>The notebooks are committed without outputs, pin exactly the packages of Directory.Packages.props,
/// follow the NN-kebab-case naming, and are all listed in notebooks/README.md.</summary>
public partial class NotebookHygieneTests
{
    private static string Root => KitPaths.RepositoryRoot() ?? throw new InvalidOperationException("Tests run inside the repository.");

    private static IEnumerable<string> Notebooks() =>
        Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal);

    private static IEnumerable<(string Notebook, JsonElement Cell)> CodeCells() =>
        Notebooks().SelectMany(path =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("cells").EnumerateArray()
                .Where(c => c.GetProperty("cell_type").GetString() == "code")
                .Select(c => (Path.GetFileName(path), c.Clone()))
                .ToList();
        });

    private static string Source(JsonElement cell) =>
        cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
            ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
            : cell.GetProperty("source").GetString()!;

    [Fact]
    public void Notebooks_Exist_AndAreNamedNNKebabCase()
    {
        var names = Notebooks().Select(Path.GetFileName).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(@"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$", n));
    }

    [Fact]
    public void Notebooks_CarryNoOutputs()
    {
        foreach (var (notebook, cell) in CodeCells())
        {
            Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{notebook}: a code cell has committed outputs");
            Assert.True(cell.GetProperty("execution_count").ValueKind == JsonValueKind.Null, $"{notebook}: a code cell has an execution count");
        }
    }

    [Fact]
    public void NugetReferences_UseThePinnedVersions()
    {
        var pinned = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var references = 0;
        foreach (var (notebook, cell) in CodeCells())
        {
            foreach (Match m in NugetReference().Matches(Source(cell)))
            {
                references++;
                var (package, version) = (m.Groups["package"].Value, m.Groups["version"].Value);
                Assert.True(pinned.TryGetValue(package, out var expected), $"{notebook}: {package} is not pinned in Directory.Packages.props");
                Assert.True(version == expected, $"{notebook}: {package} {(version.Length == 0 ? "has no version" : version)}, pinned {expected}");
            }
        }
        Assert.True(references > 0, "no #r \"nuget: ...\" line found in any notebook");
    }

    [Fact]
    public void Readme_ListsEveryNotebook()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "notebooks", "README.md"));
        Assert.All(Notebooks().Select(Path.GetFileName), n => Assert.Contains(n!, readme));
    }

    [GeneratedRegex(@"#r\s+""nuget:\s*(?<package>[^,""\s]+)\s*(,\s*(?<version>[^""\s]+))?\s*""")]
    private static partial Regex NugetReference();
}
