using FusionKit.Caching;
using FusionKit.Evaluation.Generative;
using FusionKit.Platform;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// Settings of <see cref="GenerationJudge"/>; change one with <c>options with { PerClass = 50 }</c>.
/// <para>Budget behind the defaults: the kit's ResNet18 embeds 28x28 images (resized to 224) at roughly 25-45
/// images/s per core, so the 1,000 generated images of one <see cref="GenerationJudge.Score"/> on Fashion-MNIST
/// (100 per class) take about 10-20 s on 2 cores; the judge's classifier is trained once per profile and seed and
/// cached, the noise reference is embedded once through the embedding cache, and every other step works on cached
/// features (seconds). Several models times three seeds thus fit the default profile's five-minute evaluation.</para>
/// </summary>
public sealed record GenerationJudgeOptions
{
    /// <summary>
    /// Images per class in every comparison: generated images per class each <see cref="GenerationJudge.Score"/>
    /// expects, and real images per class drawn for the Fréchet distance, precision/recall and the real references.
    /// Default 100 (1,000 images for ten classes). A profile with fewer held-out training (validation) or test
    /// images per class uses as many as it has (the smoke profile: 10 per class); <see cref="GenerationJudge.PerClass"/>
    /// gives the size used, which every report must state (both Fréchet distance and precision/recall depend on it).
    /// </summary>
    public int PerClass { get; init; } = 100;

    /// <summary>Hidden layers of the image-only classifier (the judge's and the classification accuracy score's). Default [256], as the retrieval experiment's.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [256];

    /// <summary>Epochs of the judge's classifier on the real training images. Default 5, as the retrieval experiment's image-only classifier.</summary>
    public int ClassifierEpochs { get; init; } = 5;

    /// <summary>
    /// Epochs of the classification-accuracy-score classifiers, trained on <see cref="PerClass"/> x classes images
    /// only (generated, or real for the reference), hence more passes than <see cref="ClassifierEpochs"/>. Default 30.
    /// </summary>
    public int ScoreClassifierEpochs { get; init; } = 30;

    /// <summary>Mini-batch size of every classifier. Default 32 (the case study's).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Neighbourhood size of precision and recall (<see cref="ManifoldPrecisionRecall"/>). Default 3, the paper's.</summary>
    public int PrecisionRecallK { get; init; } = ManifoldPrecisionRecall.DefaultK;

    /// <summary>Image encoder of the feature space; it must be the one the real embeddings were computed with. Default "resnet18-onnx".</summary>
    public string ImageEncoder { get; init; } = "resnet18-onnx";

    /// <summary>Threads of the image encoder (ONNX Runtime intra-op). Default: every core.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// torch threads for the judge's own tensor work (classifiers, Fréchet distance, precision/recall), set for the
    /// duration of each call and restored afterwards. Default 1: these are small matrices, and on a machine whose
    /// other core is busy two OpenMP threads ran them 3-20 times slower than one (a 512-d Fréchet distance took
    /// 0.5 s with one thread and 2-11 s with two).
    /// </summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>Where the judge's classifiers train (auto: CUDA when TorchSharp sees one, else the CPU; <see cref="ComputeDevices"/>).</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>Folder of trained judge classifiers; null = <c>generation-judges</c> under <see cref="KitPaths.CacheDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Embedding cache of the real images and of the noise reference; null = the kit's default folder.</summary>
    public EmbeddingCache? Cache { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (PerClass < 2) throw new ArgumentException($"{nameof(PerClass)} must be at least 2 (a covariance needs two samples), got {PerClass}.");
        if (HiddenSizes is null || HiddenSizes.Any(h => h < 1)) throw new ArgumentException($"{nameof(HiddenSizes)} must list positive layer widths.");
        if (ClassifierEpochs < 1) throw new ArgumentException($"{nameof(ClassifierEpochs)} must be at least 1, got {ClassifierEpochs}.");
        if (ScoreClassifierEpochs < 1) throw new ArgumentException($"{nameof(ScoreClassifierEpochs)} must be at least 1, got {ScoreClassifierEpochs}.");
        if (BatchSize < 1) throw new ArgumentException($"{nameof(BatchSize)} must be at least 1, got {BatchSize}.");
        if (PrecisionRecallK < 1) throw new ArgumentException($"{nameof(PrecisionRecallK)} must be at least 1, got {PrecisionRecallK}.");
        if (Threads < 1) throw new ArgumentException($"{nameof(Threads)} must be at least 1, got {Threads}.");
        if (TorchThreads < 1) throw new ArgumentException($"{nameof(TorchThreads)} must be at least 1, got {TorchThreads}.");
        if (string.IsNullOrWhiteSpace(ImageEncoder)) throw new ArgumentException($"{nameof(ImageEncoder)} must name an image encoder.");
    }
}
