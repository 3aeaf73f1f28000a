using FusionKit.Caching;
using FusionKit.Data;
using FusionKit.Evaluation;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Embeddings;

/// <summary>
/// Everything a fusion experiment needs, embedded once and cached: train / validation / test image embeddings
/// and, per text encoder, one embedding per class label text.
/// </summary>
/// <param name="LabelTexts">The text that stands for each class (index = class).</param>
/// <param name="LabelEmbeddings">Text encoder name -> (classes x D) embeddings of <paramref name="LabelTexts"/>.</param>
public sealed record EmbeddedData(
    RunProfile Profile,
    IReadOnlyList<string> ClassNames,
    EmbeddedSplit Train,
    EmbeddedSplit Validation,
    EmbeddedSplit Test,
    IReadOnlyList<string> LabelTexts,
    IReadOnlyDictionary<string, EmbeddingMatrix> LabelEmbeddings,
    string ImageEncoder)
{
    /// <summary>The test images; reading them while <see cref="ModelSelection.IsSelecting"/> throws (settings are chosen on validation).</summary>
    public EmbeddedSplit Test { get => ModelSelection.GuardTest(field); init; } = Test;

    public int ClassCount => ClassNames.Count;

    /// <summary>The arithmetic the image embeddings were computed in (resolved: fp32 or bf16); spatial tokens for these
    /// images come from <see cref="ImageEncoders.CreateSpatial"/> at this precision.</summary>
    public ImagePrecision ImagePrecision { get; init; } = ImagePrecision.Float32;
}
