

namespace FusionKit.Experiments.Precision;

/// <summary>What bf16 image embeddings change against fp32 on one profile's data (see <see cref="ImagePrecisionCheck"/>).</summary>
/// <param name="Images">Test images compared embedding by embedding.</param>
/// <param name="WorstCosine">Lowest cosine similarity between an image's bf16 and fp32 embedding.</param>
/// <param name="MeanCosine">Mean of those cosines.</param>
/// <param name="Fp32Accuracy">Nearest-centroid test accuracy with fp32 embeddings (centroids from the train split).</param>
/// <param name="Bf16Accuracy">The same with bf16 embeddings for train and test.</param>
public sealed record ImagePrecisionReport(string Profile, int Images, double WorstCosine, double MeanCosine, double Fp32Accuracy, double Bf16Accuracy)
{
    /// <summary>bf16 minus fp32 accuracy in percentage points.</summary>
    public double AccuracyChangePoints => 100 * (Bf16Accuracy - Fp32Accuracy);
}
