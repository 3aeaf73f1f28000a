using System.Globalization;

namespace FusionKit.Evaluation.Ranking;

/// <summary>
/// Class-level relevance for per-image text (e.g. simulated product titles, <see cref="FusionKit.Text.SideTextGenerator"/>),
/// where many images carry the same or an equivalent text, so "only the image the text was written for is
/// relevant" scores near chance whatever the model learned. Here relevance follows the class a text names
/// (<see cref="FusionKit.Text.SideText.DescribedClass"/>), as for label-level text; a title that names a confusable class
/// (a shirt listed as a T-shirt) counts for the class it names, not for its own image's class:
/// <list type="bullet">
/// <item>text→image: a text that names class c is relevant to every image of class c. Texts that name no class (the
/// boilerplate ones, class −1) are not used as queries, nor are texts naming a class no image has (no relevant item).</item>
/// <item>image→text: an image of class c is relevant to every text naming c; all texts are ranked, so boilerplate
/// texts stay in the list as items relevant to no image. Images whose class no text names are not used as queries.</item>
/// </list>
/// Ranking, ties (pessimistic) and metrics are <see cref="RankingMetrics"/>' (R@K as CLIP_benchmark / VSE++,
/// median and mean rank of the first relevant item, mAP). With hundreds of relevant items per query R@K saturates:
/// read mAP.
/// </summary>
public static class ClassLevelRetrieval
{
    /// <param name="scores">(N images, T texts) similarities.</param>
    /// <param name="imageClasses">True class of each image (≥ 0).</param>
    /// <param name="textClasses">Class each text names, −1 when it names none.</param>
    /// <exception cref="ArgumentException">Sizes that do not fit, a negative image class, a text class below −1, or no query left in a direction (named).</exception>
    public static ClassLevelCrossModalReport Evaluate(float[][] scores, IReadOnlyList<int> imageClasses, IReadOnlyList<int> textClasses)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(imageClasses);
        ArgumentNullException.ThrowIfNull(textClasses);
        if (scores.Length != imageClasses.Count) throw new ArgumentException($"{scores.Length} score rows for {imageClasses.Count} images.", nameof(imageClasses));
        if (scores.Length == 0) throw new ArgumentException("There are no images.", nameof(scores));
        if (scores[0]?.Length != textClasses.Count)
            throw new ArgumentException($"Score rows have {scores[0]?.Length ?? 0} texts; {textClasses.Count} text classes were given.", nameof(textClasses));
        for (var i = 0; i < imageClasses.Count; i++)
            if (imageClasses[i] < 0) throw new ArgumentException($"imageClasses[{i}] = {imageClasses[i]}; image classes are 0 or more.", nameof(imageClasses));
        for (var j = 0; j < textClasses.Count; j++)
            if (textClasses[j] < -1) throw new ArgumentException($"textClasses[{j}] = {textClasses[j]}; use −1 for a text that names no class.", nameof(textClasses));

        var imageClassSet = imageClasses.ToHashSet();
        var namedClassSet = textClasses.Where(c => c >= 0).ToHashSet();
        var imageQueries = Enumerable.Range(0, imageClasses.Count).Where(i => namedClassSet.Contains(imageClasses[i])).ToArray();
        var textQueries = Enumerable.Range(0, textClasses.Count).Where(j => textClasses[j] >= 0 && imageClassSet.Contains(textClasses[j])).ToArray();
        if (imageQueries.Length == 0) throw new ArgumentException("No text names the class of any image: there is no image->text query.", nameof(textClasses));
        if (textQueries.Length == 0) throw new ArgumentException("No text names a class that an image has: there is no text->image query.", nameof(textClasses));

        var imageToText = RankingMetrics.Rank(imageQueries.Select(i => scores[i]).ToArray(), imageQueries.Select(i => imageClasses[i]).ToArray(), textClasses);
        var transposed = JointRetrieval.Transpose(scores);
        var textToImage = RankingMetrics.Rank(textQueries.Select(j => transposed[j]).ToArray(), textQueries.Select(j => textClasses[j]).ToArray(), imageClasses);
        var namingNone = textClasses.Count(c => c < 0);
        return new ClassLevelCrossModalReport(
            new CrossModalReport(RetrievalReport.From(imageToText), RetrievalReport.From(textToImage)),
            textQueries.Length, namingNone, textClasses.Count - namingNone - textQueries.Length,
            imageQueries.Length, imageClasses.Count - imageQueries.Length);
    }
}
