using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Training;
using FusionKit.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Evaluation.Ranking;

/// <summary>
/// Text-to-image and image-to-text retrieval in a trained <see cref="JointEmbeddingModel"/>'s space, scored by
/// cosine similarity and measured with <see cref="RankingMetrics"/> (R@1/5/10, median and mean rank, mAP).
/// Texts are grouped as in <see cref="ContrastiveBatchLoss"/>: the set's labels, when present, name the text of each
/// row, and each distinct text is one item/query; an image is relevant to a text when they share the group.
/// With label-level text (10 class texts over 10,000 images) text-to-image R@K saturates at once: read its mAP.
/// </summary>
public static class JointRetrieval
{
    /// <summary>Evaluates both directions on a set of pairs (all N images against the U distinct texts).</summary>
    /// <exception cref="ArgumentException">The set lacks text or does not fit the model.</exception>
    public static CrossModalReport Evaluate(JointEmbeddingModel model, FeatureSet pairs, int batchSize = 1024)
    {
        var (scores, imageGroups) = Scores(model, pairs, batchSize);
        return Evaluate(scores, imageGroups);
    }

    /// <summary>Both directions from <see cref="Scores"/>' output: image i is relevant to text column <paramref name="imageTextColumn"/>[i] only.</summary>
    public static CrossModalReport Evaluate(float[][] scores, IReadOnlyList<int> imageTextColumn)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(imageTextColumn);
        if (scores.Length == 0) throw new ArgumentException("There are no images (no score rows).", nameof(scores));
        var imageGroups = imageTextColumn;
        var textGroups = Enumerable.Range(0, scores[0].Length).ToArray();
        var imageToText = RankingMetrics.Rank(scores, imageGroups, textGroups);
        var transposed = Transpose(scores);
        var textToImage = RankingMetrics.Rank(transposed, textGroups, imageGroups);
        return new CrossModalReport(RetrievalReport.From(imageToText), RetrievalReport.From(textToImage));
    }

    /// <summary>
    /// Cosine similarities (N images, U distinct texts) and each image's text column (distinct texts in order of
    /// first appearance).
    /// </summary>
    public static (float[][] Scores, int[] ImageTextColumn) Scores(JointEmbeddingModel model, FeatureSet pairs, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        TorchRuntime.EnsureReady();
        var text = pairs.Text ?? throw new ArgumentException("The pairs have no text rows.", nameof(pairs));
        if (pairs.ImageDim != model.ImageDim || pairs.TextDim != model.TextDim)
            throw new ArgumentException($"The pairs are ({pairs.ImageDim}-d image, {pairs.TextDim}-d text); the model reads ({model.ImageDim}, {model.TextDim}).", nameof(pairs));
        var (firstRows, positions) = TextGroups.Distinct(Enumerable.Range(0, pairs.Count).Select(i => (long)i).ToArray(), pairs.LabelArray);
        var scores = new float[pairs.Count][];
        using (var scope = torch.NewDisposeScope())
        {
            var device = Prediction.DeviceOf(model);   // scored where the model lives (a model trained on CUDA stays there)
            var texts = text.index_select(0, torch.tensor(firstRows));                              // (U, D_txt)
            var textEmbedding = model.EncodeTexts(texts.device == device ? texts : texts.to(device)); // (U, d)
            for (var start = 0; start < pairs.Count; start += batchSize)
            {
                using var batchScope = torch.NewDisposeScope();
                var rows = Math.Min(batchSize, pairs.Count - start);
                var image = pairs.Image.narrow(0, start, rows);                                    // (b, D_img)
                var imageEmbedding = model.EncodeImages(image.device == device ? image : image.to(device)); // (b, d)
                var similarity = imageEmbedding.matmul(textEmbedding.t()).cpu().contiguous();      // (b, U)
                var flat = similarity.data<float>().ToArray();
                var u = firstRows.Length;
                for (var i = 0; i < rows; i++) scores[start + i] = flat.AsSpan(i * u, u).ToArray();
            }
        }
        return (scores, positions.Select(p => (int)p).ToArray());
    }

    internal static float[][] Transpose(float[][] rows)
    {
        var result = new float[rows[0].Length][];
        for (var j = 0; j < result.Length; j++)
        {
            result[j] = new float[rows.Length];
            for (var i = 0; i < rows.Length; i++) result[j][i] = rows[i][j];
        }
        return result;
    }
}
