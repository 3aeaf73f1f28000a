using FusionKit.Data;

namespace FusionKit.Vision;

/// <summary>
/// The pretrained ResNet18 that the Microsoft.ML.DnnImageFeaturizer.ResNet18 package ships: the network
/// (<c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c>, CNTK 2.6 export, opset 8) and its preprocessing graph
/// (<c>DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx</c>, which holds the mean image).
/// </summary>
/// <param name="ModelPath">Full path of ResNet18.onnx.</param>
/// <param name="PreprocessPath">Full path of ResNetPreprocess.onnx.</param>
public sealed record PretrainedResNet18Files(string ModelPath, string PreprocessPath)
{
    /// <summary>NuGet package that ships the model files.</summary>
    public const string PackageId = "microsoft.ml.dnnimagefeaturizer.resnet18";

    /// <summary>Package version the kit pins (Directory.Packages.props).</summary>
    public const string PackageVersion = "0.23.1";

    private const string ModelRelative = "DnnImageModels/ResNet18Onnx/ResNet18.onnx";
    private const string PreprocessRelative = "DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> HashByPath = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds the files in <paramref name="directory"/> when given, else in the application's folder (the
    /// package's props copy them there), else in the NuGet package folder.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither place holds both files; the message lists every path tried.</exception>
    public static PretrainedResNet18Files Locate(string? directory = null)
    {
        var roots = directory is not null ? [directory] : CandidateRoots();
        var tried = new List<string>();
        foreach (var root in roots)
        {
            var model = Path.GetFullPath(Path.Combine(root, ModelRelative));
            var prep = Path.GetFullPath(Path.Combine(root, PreprocessRelative));
            if (File.Exists(model) && File.Exists(prep)) return new PretrainedResNet18Files(model, prep);
            tried.Add(model);
            tried.Add(prep);
        }
        throw new FileNotFoundException(
            $"The pretrained ResNet18 model files were not found. Paths tried: {string.Join(", ", tried)}. " +
            $"Reference the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 {PackageVersion} (it copies DnnImageModels/ into the build output) or restore it.",
            tried.FirstOrDefault());
    }

    /// <summary>SHA-256 (hex) of the model file; computed once per process and path.</summary>
    public string ModelSha256()
    {
        lock (Gate)
        {
            if (!HashByPath.TryGetValue(ModelPath, out var hash))
            {
                hash = Hashing.FileSha256Hex(ModelPath);
                HashByPath[ModelPath] = hash;
            }
            return hash;
        }
    }

    private static List<string> CandidateRoots()
    {
        var roots = new List<string> { AppContext.BaseDirectory };
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        roots.Add(Path.Combine(packages, PackageId, PackageVersion, "tools"));
        return roots;
    }
}
