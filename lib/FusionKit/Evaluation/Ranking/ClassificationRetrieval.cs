using FusionKit.Caching;

namespace FusionKit.Evaluation.Ranking;

/// <summary>
/// Image retrieval based on the classification result (the case-study paper's last step): a query image
/// retrieves the gallery images whose predicted class equals the query's predicted class, ranked by cosine
/// similarity of their embeddings (ties as in <see cref="RankingMetrics"/>: pessimistic, then by index). An item
/// is relevant when its true class equals the query's true class; relevant items predicted into another class
/// are never retrieved and count as missed in recall and average precision.
/// </summary>
public static class ClassificationRetrieval
{
    /// <summary>Leave-one-out on one set: every item queries all the other items of the same set.</summary>
    /// <param name="predicted">Predicted class per item.</param>
    /// <param name="truth">True class per item.</param>
    /// <param name="embeddings">One embedding row per item (e.g. cached ResNet18 features).</param>
    /// <exception cref="ArgumentException">Lengths differ, a zero or non-finite embedding row, or an item whose true class has no other member (named).</exception>
    public static IReadOnlyList<QueryRanking> Retrieve(IReadOnlyList<int> predicted, IReadOnlyList<int> truth, EmbeddingMatrix embeddings)
    {
        CheckLengths(predicted, truth, embeddings, "items");
        var rows = UnitRows.Of(embeddings, nameof(embeddings));
        return Enumerable.Range(0, predicted.Count)
            .Select(q => RankQuery(q, predicted[q], truth[q], rows, predicted, truth, rows, excluded: q))
            .ToArray();
    }

    /// <summary>Queries a separate gallery (e.g. test images against training images).</summary>
    /// <exception cref="ArgumentException">Lengths or dimensions differ, a zero or non-finite embedding row, or a query whose true class the gallery lacks (named).</exception>
    public static IReadOnlyList<QueryRanking> Retrieve(IReadOnlyList<int> queryPredicted, IReadOnlyList<int> queryTruth, EmbeddingMatrix queryEmbeddings,
                                                       IReadOnlyList<int> galleryPredicted, IReadOnlyList<int> galleryTruth, EmbeddingMatrix galleryEmbeddings)
    {
        CheckLengths(queryPredicted, queryTruth, queryEmbeddings, "queries");
        CheckLengths(galleryPredicted, galleryTruth, galleryEmbeddings, "gallery items");
        if (queryEmbeddings.Dimension != galleryEmbeddings.Dimension)
            throw new ArgumentException($"Query embeddings have {queryEmbeddings.Dimension} dimensions, gallery embeddings {galleryEmbeddings.Dimension}.", nameof(galleryEmbeddings));
        var queries = UnitRows.Of(queryEmbeddings, nameof(queryEmbeddings));
        var gallery = UnitRows.Of(galleryEmbeddings, nameof(galleryEmbeddings));
        return Enumerable.Range(0, queryPredicted.Count)
            .Select(q => RankQuery(q, queryPredicted[q], queryTruth[q], queries, galleryPredicted, galleryTruth, gallery, excluded: -1))
            .ToArray();
    }

    /// <summary>Precision@K, IR recall@K (<see cref="RankingMetrics.IrRecallAtK"/>) for each K, and mAP.</summary>
    public static ClassRetrievalReport Evaluate(IReadOnlyList<QueryRanking> rankings, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(ks);
        if (ks.Count == 0) throw new ArgumentException("Give at least one K.", nameof(ks));
        return new ClassRetrievalReport(
            ks.ToArray(),
            ks.Select(k => RankingMetrics.PrecisionAtK(rankings, k)).ToArray(),
            ks.Select(k => RankingMetrics.IrRecallAtK(rankings, k)).ToArray(),
            RankingMetrics.MeanAveragePrecision(rankings),
            rankings.Average(r => r.Items.Count),
            rankings.Count);
    }

    private static QueryRanking RankQuery(int query, int predictedClass, int trueClass, UnitRows queries,
                                          IReadOnlyList<int> galleryPredicted, IReadOnlyList<int> galleryTruth, UnitRows gallery, int excluded)
    {
        var isRelevant = new bool[gallery.Rows];
        var scores = new float[gallery.Rows];
        var candidates = new List<int>();
        for (var g = 0; g < gallery.Rows; g++)
        {
            if (g == excluded) continue;
            isRelevant[g] = galleryTruth[g] == trueClass;
            if (galleryPredicted[g] != predictedClass) continue;
            candidates.Add(g);
            scores[g] = queries.Cosine(query, gallery, g);
        }
        if (!isRelevant.Contains(true))
            throw new ArgumentException($"Query {query} has true class {trueClass}, which no gallery item shares; its recall is undefined.", nameof(galleryTruth));
        return RankingMetrics.RankRow(scores, isRelevant, candidates.ToArray(), query, nameof(galleryTruth));
    }

    private static void CheckLengths(IReadOnlyList<int> predicted, IReadOnlyList<int> truth, EmbeddingMatrix embeddings, string what)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (predicted.Count == 0) throw new ArgumentException($"There are no {what}.", nameof(predicted));
        if (truth.Count != predicted.Count || embeddings.Rows != predicted.Count)
            throw new ArgumentException($"The {what} have {predicted.Count} predicted labels, {truth.Count} true labels and {embeddings.Rows} embedding rows; all three must match.", nameof(truth));
    }
}
