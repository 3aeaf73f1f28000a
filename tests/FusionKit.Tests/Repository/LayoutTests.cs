using System.Text.RegularExpressions;
using FusionKit.Platform;

namespace FusionKit.Tests.Repository;

/// <summary>
/// The layout shows the architecture (docs/architecture.md): every namespace equals its folder, every file is
/// named for the type it holds, no folder of the library holds more than 20 files, and the top-level folders form
/// layers: a folder references (by using directive or fully qualified name) only folders below it.
/// </summary>
public partial class LayoutTests
{
    /// <summary>
    /// The layers of lib/FusionKit, lowest first: a folder may use the folders before it, never one after it.
    /// A new top-level folder takes its place here (and in docs/architecture.md).
    /// </summary>
    private static readonly string[] Layers =
    [
        "Data", "Platform", "Text", "Vision", "Caching", "Speech", "Models", "Training", "Evaluation", "Results",
        "Charts", "Interactive", "Embeddings", "Experiments", "Runs",
    ];

    private const int MaxFilesPerFolder = 20;

    private static string Root => KitPaths.RepositoryRoot() ?? throw new InvalidOperationException("Tests run inside the repository.");

    private static string Library => Path.Combine(Root, "lib", "FusionKit");

    private static string Cli => Path.Combine(Root, "lib", "FusionKit.Cli");

    [Fact]
    public void EveryNamespace_EqualsItsFolder()
    {
        var wrong = new List<string>();
        foreach (var (root, rootNamespace) in new[] { (Library, "FusionKit"), (Cli, "FusionKit.Cli") })
            foreach (var file in SourceFiles(root))
            {
                var folder = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
                var expected = folder == "." ? rootNamespace : rootNamespace + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
                var declared = NamespaceLine().Match(File.ReadAllText(file));
                if (!declared.Success || declared.Groups[1].Value != expected)
                    wrong.Add($"{Path.GetRelativePath(Root, file)}: namespace {(declared.Success ? declared.Groups[1].Value : "(none)")}, folder says {expected}");
            }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void EveryFile_IsNamedForTheTypeItHolds()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles(Library).Concat(SourceFiles(Cli)))
        {
            var types = TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList();
            var name = Path.GetFileNameWithoutExtension(file);
            if (types.Count == 0 && name == "Program") continue; // top-level statements
            if (types.Count == 0 || types[0] != name)
                wrong.Add($"{Path.GetRelativePath(Root, file)} declares {(types.Count == 0 ? "no type" : string.Join(", ", types))}");
        }
        Assert.True(wrong.Count == 0, "One type per file, named like the file:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void NoLibraryFolder_HoldsMoreThanTwentyFiles()
    {
        var crowded = Directory.EnumerateDirectories(Library, "*", SearchOption.AllDirectories).Prepend(Library)
            .Where(d => !IsBuildOutput(Path.GetRelativePath(Library, d)))
            .Select(d => (Folder: Path.GetRelativePath(Library, d), Files: Directory.GetFiles(d, "*.cs").Length))
            .Where(f => f.Files > MaxFilesPerFolder)
            .Select(f => $"{f.Folder}: {f.Files} files").ToList();
        Assert.True(crowded.Count == 0, $"Folders over {MaxFilesPerFolder} files (split them by topic):\n" + string.Join('\n', crowded));
    }

    [Fact]
    public void EveryTopLevelFolder_HasALayer()
    {
        var folders = Directory.EnumerateDirectories(Library).Select(Path.GetFileName).OfType<string>()
            .Where(d => !IsBuildOutput(d) && Directory.EnumerateFiles(Path.Combine(Library, d), "*.cs", SearchOption.AllDirectories).Any());
        Assert.Empty(folders.Except(Layers));
        Assert.Empty(Directory.GetFiles(Library, "*.cs")); // nothing outside the layers
    }

    [Fact]
    public void NoFolder_ReferencesAHigherLayer()
    {
        var upward = new List<string>();
        foreach (var file in SourceFiles(Library))
        {
            var relative = Path.GetRelativePath(Library, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            upward.AddRange(UpwardReferences(folder, File.ReadAllLines(file)).Select(r => $"{relative}: {folder} -> {r}"));
        }
        Assert.True(upward.Count == 0, "Lower layers reference higher ones (order: " + string.Join(" < ", Layers) + "):\n" + string.Join('\n', upward));
    }

    [Theory]
    [InlineData("Data", "using FusionKit.Runs;", "Runs")]
    [InlineData("Models", "/// trained by <see cref=\"FusionKit.Training.Trainer\"/>.", "Training")]
    [InlineData("Charts", "        var x = FusionKit.Experiments.FusionComparison.FusionCharts.Weights(r);", "Experiments")]
    public void TheLayerCheck_FindsAnUpwardReference(string folder, string line, string expected)
    {
        Assert.Equal([expected], UpwardReferences(folder, [line])); // the scan above can fail
    }

    [Theory]
    [InlineData("Runs", "using FusionKit.Experiments.CaseStudy;")]
    [InlineData("Data", "// see FusionKit.Runs.RunFolder for the folder names")]
    [InlineData("Data", "    const string Name = \"FusionKit.Charts.plotly.min.js\";")]
    public void TheLayerCheck_AcceptsDownwardReferencesCommentsAndStrings(string folder, string line)
    {
        Assert.Empty(UpwardReferences(folder, [line]));
    }

    /// <summary>The higher layers one file of <paramref name="folder"/> names: using directives, fully qualified
    /// names in code and in <c>cref</c> attributes (comments and string literals do not count).</summary>
    private static IEnumerable<string> UpwardReferences(string folder, IEnumerable<string> lines)
    {
        var level = Array.IndexOf(Layers, folder);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var trimmed = raw.TrimStart();
            var code = trimmed.StartsWith("///", StringComparison.Ordinal)
                ? string.Join(' ', Cref().Matches(trimmed).Select(m => m.Groups[1].Value))
                : StringLiteral().Replace(LineComment().Replace(raw, ""), "\"\"");
            foreach (Match m in QualifiedName().Matches(code))
            {
                var target = Array.IndexOf(Layers, m.Groups[1].Value);
                if (target > level && level >= 0) found.Add(m.Groups[1].Value);
            }
        }
        return found;
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal);

    private static bool IsBuildOutput(string relative)
    {
        var first = relative.Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    /// <summary>Top-level declarations: in a file-scoped namespace they start in column 0.</summary>
    [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|readonly|partial|unsafe|ref)\s+)*(?:record\s+struct|record\s+class|record|class|struct|interface|enum|delegate\s+[\w<>\[\]?,. ()]+?)\s+([A-Za-z_]\w*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<![\w.])FusionKit\.(\w+)\b")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"cref=""([^""]+)""")]
    private static partial Regex Cref();

    [GeneratedRegex(@"//.*$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"""(?:\\.|[^""\\])*""")]
    private static partial Regex StringLiteral();
}
