namespace FusionKit.Evaluation.Ranking;

/// <summary>
/// What one query retrieved: item indices best first, whether each is relevant, and how many relevant items
/// the query has in all. The list may hold every item (a ranking by score) or only those a system returned
/// (retrieval by classification); relevant items that were not returned count as missed.
/// </summary>
public sealed class QueryRanking
{
    private readonly int[] _items;
    private readonly bool[] _relevant;

    /// <param name="items">Retrieved item indices, best first.</param>
    /// <param name="isRelevant">Relevance of each retrieved item, same order and length as <paramref name="items"/>.</param>
    /// <param name="relevantCount">Relevant items of the query in all (retrieved or not); at least one.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the count is below one or below the relevant items listed.</exception>
    public QueryRanking(IReadOnlyList<int> items, IReadOnlyList<bool> isRelevant, int relevantCount)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(isRelevant);
        if (items.Count != isRelevant.Count)
            throw new ArgumentException($"{items.Count} items but {isRelevant.Count} relevance flags.", nameof(isRelevant));
        _items = items.ToArray();
        _relevant = isRelevant.ToArray();
        var listed = _relevant.Count(r => r);
        if (relevantCount < 1 || relevantCount < listed)
            throw new ArgumentException($"relevantCount {relevantCount} must be at least 1 and at least the {listed} relevant items listed.", nameof(relevantCount));
        RelevantCount = relevantCount;
        AveragePrecision = AveragePrecisionOf(_relevant, relevantCount);
    }

    private QueryRanking(int[] items, bool[] isRelevant, int relevantCount)
    {
        _items = items;
        _relevant = isRelevant;
        RelevantCount = relevantCount;
        AveragePrecision = AveragePrecisionOf(isRelevant, relevantCount);
    }

    /// <summary>A ranking whose arrays are handed over, not copied: <paramref name="relevantCount"/> must be at least 1
    /// and at least the relevant items listed (the ranking code counted them).</summary>
    internal static QueryRanking Owning(int[] items, bool[] isRelevant, int relevantCount) => new(items, isRelevant, relevantCount);

    /// <summary>Retrieved item indices, best first.</summary>
    public IReadOnlyList<int> Items => _items;

    /// <summary>Relevance of each retrieved item, in rank order.</summary>
    public IReadOnlyList<bool> IsRelevant => _relevant;

    /// <summary>Relevant items of the query in all, retrieved or not.</summary>
    public int RelevantCount { get; }

    /// <summary>Relevant items among the first <paramref name="k"/> retrieved (fewer when the list is shorter).</summary>
    public int RelevantInTop(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var hits = 0;
        for (var i = 0; i < Math.Min(k, _relevant.Length); i++)
            if (_relevant[i]) hits++;
        return hits;
    }

    /// <summary>1-based rank of the first relevant item, or null when no relevant item was retrieved.</summary>
    public int? FirstRelevantRank
    {
        get
        {
            var i = Array.IndexOf(_relevant, true);
            return i < 0 ? null : i + 1;
        }
    }

    /// <summary>
    /// Average precision: the mean over the query's relevant items of precision at the rank of each
    /// (precision@rank = relevant in the top rank / rank); relevant items not retrieved contribute 0. Computed once,
    /// when the ranking is made (a bootstrap reads it for every resample).
    /// </summary>
    public double AveragePrecision { get; }

    private static double AveragePrecisionOf(bool[] relevant, int relevantCount)
    {
        double sum = 0;
        var hits = 0;
        for (var i = 0; i < relevant.Length; i++)
        {
            if (!relevant[i]) continue;
            hits++;
            sum += hits / (double)(i + 1);
        }
        return sum / relevantCount;
    }
}
