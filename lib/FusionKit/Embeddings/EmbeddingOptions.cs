using FusionKit.Caching;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Embeddings;

/// <summary>Which encoders embed the bundled data, and how.</summary>
public sealed record EmbeddingOptions
{
    /// <summary>Image encoder name (<see cref="ImageEncoders.Names"/>); the ONNX backend is the fast frozen path.</summary>
    public string ImageEncoder { get; init; } = "resnet18-onnx";

    /// <summary>Text encoders to embed the label texts with (<see cref="TextEncoders.Names"/>).</summary>
    public IReadOnlyList<string> TextEncoders { get; init; } = FusionKit.Text.TextEncoders.Names;

    /// <summary>Arithmetic of the image network: <see cref="ImagePrecision.Auto"/> (default) resolves per machine with
    /// <see cref="ImagePrecisionChoice.Resolve(ImagePrecision)"/>; fp32 uses <see cref="ImageEncoder"/>, bf16 the TorchSharp
    /// backend in bfloat16 (ONNX Runtime computes fp32 only). Each precision has cache entries of its own.</summary>
    public ImagePrecision Precision { get; init; } = ImagePrecision.Auto;

    /// <summary>
    /// One embedding pass for cross-attention's images: when set (e.g. <c>FusionExperimentConfig.SpatialTrainPerClass</c>)
    /// and the pooled embeddings of a split are not cached yet, the images that need spatial tokens — this many training
    /// images per class with validation in proportion (<see cref="FusionSubset.Stratified(int[], int[], int, int, int)"/>)
    /// and every test image — are embedded once with the spatial graph (cached under its own key, where
    /// <c>FusionWorkbench</c> finds them) and their pooled rows are the mean of their 49 tokens instead of a
    /// second pass. It applies in bf16 and with the fp32 ONNX encoder, where the spatial encoder is the pooled one's own
    /// network (<see cref="ImageEncoders.CreateSpatial"/>); null: pooled embeddings only.
    /// </summary>
    public int? SpatialTrainPerClass { get; init; }

    /// <summary>Threads for the encoders (ONNX Runtime intra-op / torch).</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Seed of the data selection (subset and validation split); fixed so every model seed sees the same data.</summary>
    public int DataSeed { get; init; }

    /// <summary>The embedding cache (null: the kit's default folder).</summary>
    public EmbeddingCache? Cache { get; init; }
}
