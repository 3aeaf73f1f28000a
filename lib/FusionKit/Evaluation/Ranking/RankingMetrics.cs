namespace FusionKit.Evaluation.Ranking;

/// <summary>
/// Ranking metrics for retrieval from a score matrix (queries x items, higher = more relevant).
/// <para>Ties: items are ranked by score, descending; among tied items the irrelevant ones come first
/// (pessimistic: a relevant item tied with irrelevant ones is ranked after all of them), then by item index.
/// A constant scorer therefore gets the worst ranking, never a lucky one, and the order is fully deterministic.
/// Note that <c>torch.topk</c> (CLIP_benchmark) and <c>numpy.argsort</c> (VSE++) leave ties to the
/// implementation; the two agree with these metrics whenever scores are distinct.</para>
/// <para>Two recalls, named apart: <see cref="HitRateAtK"/> is the R@K of LAION-AI/CLIP_benchmark
/// (<c>metrics/zeroshot_retrieval.py</c>: a query scores 1 when at least one relevant item is in its top K) and
/// of VSE++ (fartashf/vsepp <c>evaluation.py</c>); <see cref="IrRecallAtK"/> is recall in the IR sense
/// (relevant items in the top K / all relevant items of the query).</para>
/// </summary>
public static class RankingMetrics
{
    /// <summary>Ranks every item for every query; <paramref name="relevant"/>[q] holds query q's relevant item indices.</summary>
    /// <param name="scores">One row per query, one score per item; every row the same length.</param>
    /// <param name="relevant">Per query, the indices of its relevant items (at least one).</param>
    /// <exception cref="ArgumentException">Ragged rows, a NaN score, an index out of range or a query with no relevant item (named).</exception>
    public static IReadOnlyList<QueryRanking> Rank(IReadOnlyList<float[]> scores, IReadOnlyList<IReadOnlyCollection<int>> relevant)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count != scores.Count)
            throw new ArgumentException($"{scores.Count} score rows but relevance for {relevant.Count} queries.", nameof(relevant));
        var items = CheckScores(scores);
        var result = new QueryRanking[scores.Count];
        for (var q = 0; q < scores.Count; q++)
        {
            var isRelevant = new bool[items];
            foreach (var i in relevant[q] ?? throw new ArgumentException($"relevant[{q}] is null.", nameof(relevant)))
            {
                if (i < 0 || i >= items) throw new ArgumentException($"relevant[{q}] holds item {i}, outside 0..{items - 1}.", nameof(relevant));
                isRelevant[i] = true;
            }
            result[q] = RankRow(scores[q], isRelevant, null, q, nameof(relevant));
        }
        return result;
    }

    /// <summary>Ranks every item for every query; an item is relevant to a query when their labels are equal.</summary>
    /// <exception cref="ArgumentException">Ragged rows, a NaN score, mismatched lengths or a query whose label no item has (named).</exception>
    public static IReadOnlyList<QueryRanking> Rank(IReadOnlyList<float[]> scores, IReadOnlyList<int> queryLabels, IReadOnlyList<int> itemLabels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(itemLabels);
        if (queryLabels.Count != scores.Count)
            throw new ArgumentException($"{scores.Count} score rows but {queryLabels.Count} query labels.", nameof(queryLabels));
        var items = CheckScores(scores);
        if (itemLabels.Count != items)
            throw new ArgumentException($"Score rows have {items} items but there are {itemLabels.Count} item labels.", nameof(itemLabels));
        var labels = itemLabels as int[] ?? itemLabels.ToArray();
        var result = new QueryRanking[scores.Count];
        for (var q = 0; q < scores.Count; q++)
        {
            var isRelevant = new bool[items];
            var queryLabel = queryLabels[q];
            for (var i = 0; i < items; i++) isRelevant[i] = labels[i] == queryLabel;
            result[q] = RankRow(scores[q], isRelevant, null, q, nameof(queryLabels));
        }
        return result;
    }

    /// <summary>
    /// CLIP_benchmark / VSE++ R@K: the fraction of queries with at least one relevant item in their top
    /// <paramref name="k"/> (a fraction in [0, 1]; VSE++ prints it times 100).
    /// </summary>
    public static double HitRateAtK(IReadOnlyList<QueryRanking> rankings, int k) =>
        Mean(rankings, k, r => r.RelevantInTop(k) > 0 ? 1.0 : 0.0);

    /// <summary>Precision@K: relevant items in the top <paramref name="k"/> divided by K (a shorter list counts its missing places as misses), averaged over queries.</summary>
    public static double PrecisionAtK(IReadOnlyList<QueryRanking> rankings, int k) =>
        Mean(rankings, k, r => r.RelevantInTop(k) / (double)k);

    /// <summary>Recall@K in the IR sense: relevant items in the top <paramref name="k"/> divided by all relevant items of the query, averaged over queries.</summary>
    public static double IrRecallAtK(IReadOnlyList<QueryRanking> rankings, int k) =>
        Mean(rankings, k, r => r.RelevantInTop(k) / (double)r.RelevantCount);

    /// <summary>Average precision of one query (<see cref="QueryRanking.AveragePrecision"/>).</summary>
    public static double AveragePrecision(QueryRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return ranking.AveragePrecision;
    }

    /// <summary>mAP: the mean of the queries' average precisions.</summary>
    public static double MeanAveragePrecision(IReadOnlyList<QueryRanking> rankings) =>
        Mean(rankings, 1, r => r.AveragePrecision);

    /// <summary>1-based rank of each query's first relevant item (VSE++ <c>i2t</c>/<c>t2i</c> keep it 0-based and add 1 when reporting).</summary>
    /// <exception cref="InvalidOperationException">A query retrieved no relevant item (named).</exception>
    public static int[] FirstRelevantRanks(IReadOnlyList<QueryRanking> rankings)
    {
        CheckRankings(rankings);
        var ranks = new int[rankings.Count];
        for (var q = 0; q < ranks.Length; q++)
            ranks[q] = rankings[q].FirstRelevantRank
                ?? throw new InvalidOperationException($"Query {q} retrieved no relevant item, so its rank is undefined; rank every item to use rank metrics.");
        return ranks;
    }

    /// <summary>
    /// Median rank of the first relevant item as VSE++ reports it: <c>floor(median(rank0)) + 1</c> with 0-based
    /// ranks, which equals the floor of the median of the 1-based ranks.
    /// </summary>
    public static double MedianRank(IReadOnlyList<QueryRanking> rankings)
    {
        var ranks = FirstRelevantRanks(rankings).Select(r => (double)r).Order().ToArray();
        var n = ranks.Length;
        var median = n % 2 == 1 ? ranks[n / 2] : (ranks[n / 2 - 1] + ranks[n / 2]) / 2;
        return Math.Floor(median);
    }

    /// <summary>Mean 1-based rank of the first relevant item (VSE++ <c>meanr = ranks.mean() + 1</c>).</summary>
    public static double MeanRank(IReadOnlyList<QueryRanking> rankings) => FirstRelevantRanks(rankings).Average();

    /// <summary>
    /// VSE++ rsum: R@1 + R@5 + R@10 image-to-text plus the same text-to-image, in percent as VSE++ prints them
    /// (a perfect system scores 600).
    /// </summary>
    public static double Rsum(RetrievalReport imageToText, RetrievalReport textToImage)
    {
        ArgumentNullException.ThrowIfNull(imageToText);
        ArgumentNullException.ThrowIfNull(textToImage);
        return 100 * (imageToText.RecallAt1 + imageToText.RecallAt5 + imageToText.RecallAt10
                      + textToImage.RecallAt1 + textToImage.RecallAt5 + textToImage.RecallAt10);
    }

    /// <summary>
    /// Ranks <paramref name="candidates"/> (all items when null) of one score row: score descending, irrelevant
    /// before relevant among ties, then index ascending. Scores must not be NaN (the callers check).
    /// </summary>
    internal static QueryRanking RankRow(IReadOnlyList<float> scores, bool[] isRelevant, int[]? candidates, int query, string relevanceName)
    {
        var relevantCount = 0;
        foreach (var relevant in isRelevant)
            if (relevant) relevantCount++;
        if (relevantCount == 0)
            throw new ArgumentException($"Query {query} has no relevant item; recall and precision are undefined for it.", relevanceName);
        var order = candidates?.ToArray() ?? Enumerable.Range(0, isRelevant.Length).ToArray();
        // One integer key per item holds the whole order (score, then relevance, then index), so a primitive sort
        // does what a comparison delegate did several times slower on rows of thousands of items.
        var row = scores as float[] ?? scores.ToArray();
        var keys = new ulong[order.Length];
        for (var i = 0; i < order.Length; i++)
            keys[i] = SortKey(row[order[i]], isRelevant[order[i]], order[i]);
        Array.Sort(keys, order);
        var rankedRelevance = new bool[order.Length];
        for (var i = 0; i < order.Length; i++) rankedRelevance[i] = isRelevant[order[i]];
        return QueryRanking.Owning(order, rankedRelevance, relevantCount);
    }

    /// <summary>
    /// A key whose ascending order is <see cref="RankRow"/>'s: the score's bits mapped so that higher scores give
    /// smaller keys (−0 counted as 0, as <see cref="float.CompareTo(float)"/> does), then 0 for an irrelevant and 1
    /// for a relevant item, then the item index (below 2^31, so it fits the low 31 bits).
    /// </summary>
    internal static ulong SortKey(float score, bool relevant, int index)
    {
        var bits = BitConverter.SingleToUInt32Bits(score == 0 ? 0f : score);
        var ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u; // monotone in the score
        return ((ulong)~ascending << 32) | (relevant ? 1ul << 31 : 0ul) | (uint)index;
    }

    private static int CheckScores(IReadOnlyList<float[]> scores)
    {
        if (scores.Count == 0) throw new ArgumentException("There are no queries (no score rows).", nameof(scores));
        var items = scores[0]?.Length ?? throw new ArgumentException("scores[0] is null.", nameof(scores));
        if (items == 0) throw new ArgumentException("Score rows are empty: there are no items.", nameof(scores));
        for (var q = 0; q < scores.Count; q++)
        {
            var row = scores[q] ?? throw new ArgumentException($"scores[{q}] is null.", nameof(scores));
            if (row.Length != items) throw new ArgumentException($"scores[{q}] has {row.Length} items; scores[0] has {items}.", nameof(scores));
            for (var i = 0; i < row.Length; i++)
                if (float.IsNaN(row[i])) throw new ArgumentException($"scores[{q}][{i}] is NaN.", nameof(scores));
        }
        return items;
    }

    private static void CheckRankings(IReadOnlyList<QueryRanking> rankings)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        if (rankings.Count == 0) throw new ArgumentException("There are no queries.", nameof(rankings));
    }

    private static double Mean(IReadOnlyList<QueryRanking> rankings, int k, Func<QueryRanking, double> perQuery)
    {
        CheckRankings(rankings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return rankings.Average(perQuery);
    }
}
