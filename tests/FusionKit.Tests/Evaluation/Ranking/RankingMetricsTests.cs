using FusionKit.Evaluation.Ranking;

namespace FusionKit.Tests.Evaluation.Ranking;

/// <summary>
/// Definitions: R@K ("hit rate") from LAION-AI/CLIP_benchmark clip_benchmark/metrics/zeroshot_retrieval.py
/// (recall_at_k(...) > 0, averaged over queries); median/mean rank and rsum from fartashf/vsepp evaluation.py
/// (i2t/t2i: medr = floor(median(rank0)) + 1, meanr = mean(rank0) + 1, rsum = r1 + r5 + r10 + r1i + r5i + r10i
/// in percent); precision@K, IR recall@K and AP are the textbook IR definitions. Every expected number below was
/// computed by hand from the rankings written out in the comments.
/// </summary>
public class RankingMetricsTests
{
    // Three queries over five items.
    // q0: scores [0.9 0.8 0.7 0.6 0.5], relevant {0,3}: order 0 1 2 3 4, relevance T F F T F
    // q1: scores [0.1 0.4 0.4 0.2 0.3], relevant {2}: items 1 and 2 tie at 0.4, the irrelevant 1 goes first:
    //     order 1 2 4 3 0, relevance F T F F F
    // q2: all scores 0.5, relevant {1,4}: irrelevant first (0 2 3), then relevant (1 4): relevance F F F T T
    private static readonly float[][] Scores =
    [
        [0.9f, 0.8f, 0.7f, 0.6f, 0.5f],
        [0.1f, 0.4f, 0.4f, 0.2f, 0.3f],
        [0.5f, 0.5f, 0.5f, 0.5f, 0.5f],
    ];

    private static readonly int[][] Relevant = [[0, 3], [2], [1, 4]];

    private static IReadOnlyList<QueryRanking> Rankings() => RankingMetrics.Rank(Scores, Relevant);

    [Fact]
    public void Rank_BreaksTiesPessimistically_ThenByIndex()
    {
        var rankings = Rankings();
        Assert.Equal([0, 1, 2, 3, 4], rankings[0].Items);
        Assert.Equal([1, 2, 4, 3, 0], rankings[1].Items);
        Assert.Equal([0, 2, 3, 1, 4], rankings[2].Items);
        Assert.Equal([false, false, false, true, true], rankings[2].IsRelevant);
    }

    [Fact]
    public void Rank_RelevantItemTiedWithIrrelevantOne_IsRankedAfterIt_WhicheverIndexItHas()
    {
        // Items 1 and 2 tie at 0.5. Index order alone would give item 1 rank 2; pessimistic ties give rank 3 either way.
        float[][] scores = [[0.9f, 0.5f, 0.5f, 0.1f]];
        Assert.Equal(3, RankingMetrics.Rank(scores, [[1]])[0].FirstRelevantRank);
        Assert.Equal(3, RankingMetrics.Rank(scores, [[2]])[0].FirstRelevantRank);
        // A constant scorer gets the worst rank: 4 of 4.
        Assert.Equal(4, RankingMetrics.Rank([[0f, 0f, 0f, 0f]], [[0]])[0].FirstRelevantRank);
    }

    [Fact]
    public void Rank_OrdersNegativeScoresInfinitiesAndSignedZeros_ByValue()
    {
        // Scores by item: 0: -0.5, 1: +inf, 2: -0, 3: +0, 4: -inf, 5: 1e-30, 6: -1e-30. By value: 1, 5, {2, 3} (equal),
        // 6, 0, 4; -0 and +0 tie, so the irrelevant one goes first: item 3 is relevant, 2 is not.
        float[][] scores = [[-0.5f, float.PositiveInfinity, -0f, 0f, float.NegativeInfinity, 1e-30f, -1e-30f]];
        Assert.Equal([1, 5, 2, 3, 6, 0, 4], RankingMetrics.Rank(scores, [[3]])[0].Items);
        // With item 2 relevant instead, the tie goes the other way.
        Assert.Equal([1, 5, 3, 2, 6, 0, 4], RankingMetrics.Rank(scores, [[2]])[0].Items);
    }

    [Fact]
    public void Rank_GivesTheOrderOfTheDefinitionsComparison_OnRandomRowsWithManyTies()
    {
        // The reference is the ordering rule itself, written as a comparison: score descending (float.CompareTo, so
        // -0 equals +0), irrelevant before relevant among equal scores, then index ascending.
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 60);
            var levels = new[] { -2.5f, -1f, -0f, 0f, 0.25f, 1f, float.NegativeInfinity, float.PositiveInfinity, float.Epsilon, -float.Epsilon };
            var row = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? (float)random.NextDouble() - 0.5f : levels[random.Next(levels.Length)]).ToArray();
            var relevant = Enumerable.Range(0, n).Where(_ => random.Next(3) == 0).ToArray();
            if (relevant.Length == 0) relevant = [random.Next(n)];
            var isRelevant = new bool[n];
            foreach (var i in relevant) isRelevant[i] = true;
            var expected = Enumerable.Range(0, n).ToArray();
            Array.Sort(expected, (a, b) =>
            {
                var byScore = row[b].CompareTo(row[a]);
                if (byScore != 0) return byScore;
                var byRelevance = isRelevant[a].CompareTo(isRelevant[b]);
                return byRelevance != 0 ? byRelevance : a.CompareTo(b);
            });
            Assert.Equal(expected, RankingMetrics.Rank([row], [relevant])[0].Items);
        }
    }

    [Fact]
    public void HitRateAtK_CountsQueriesWithAnyRelevantItemInTopK_AsClipBenchmark()
    {
        // Top-1 relevance: q0 T, q1 F, q2 F -> 1/3. Top-2: q0 T, q1 T (rank 2), q2 F -> 2/3. Top-5: all -> 1.
        var rankings = Rankings();
        Assert.Equal(1 / 3.0, RankingMetrics.HitRateAtK(rankings, 1), 10);
        Assert.Equal(2 / 3.0, RankingMetrics.HitRateAtK(rankings, 2), 10);
        Assert.Equal(1.0, RankingMetrics.HitRateAtK(rankings, 5), 10);
    }

    [Fact]
    public void PrecisionAtK_DividesRelevantInTopKByK()
    {
        // K=1: (1 + 0 + 0) / 3. K=2: (1/2 + 1/2 + 0) / 3 = 1/3. K=5: (2/5 + 1/5 + 2/5) / 3 = 1/3.
        var rankings = Rankings();
        Assert.Equal(1 / 3.0, RankingMetrics.PrecisionAtK(rankings, 1), 10);
        Assert.Equal(1 / 3.0, RankingMetrics.PrecisionAtK(rankings, 2), 10);
        Assert.Equal(1 / 3.0, RankingMetrics.PrecisionAtK(rankings, 5), 10);
    }

    [Fact]
    public void IrRecallAtK_DividesRelevantInTopKByAllRelevant_UnlikeHitRate()
    {
        // K=1: (1/2 + 0 + 0) / 3 = 1/6 while the hit rate is 1/3. K=2: (1/2 + 1 + 0) / 3 = 0.5. K=5: 1.
        var rankings = Rankings();
        Assert.Equal(1 / 6.0, RankingMetrics.IrRecallAtK(rankings, 1), 10);
        Assert.Equal(0.5, RankingMetrics.IrRecallAtK(rankings, 2), 10);
        Assert.Equal(1.0, RankingMetrics.IrRecallAtK(rankings, 5), 10);
    }

    [Fact]
    public void AveragePrecision_AndMap_MatchHandComputedValues()
    {
        // q0: relevant at ranks 1 and 4: (1/1 + 2/4) / 2 = 0.75. q1: rank 2: (1/2) / 1 = 0.5.
        // q2: ranks 4 and 5: (1/4 + 2/5) / 2 = 0.325. mAP = (0.75 + 0.5 + 0.325) / 3 = 0.525.
        var rankings = Rankings();
        Assert.Equal(0.75, RankingMetrics.AveragePrecision(rankings[0]), 10);
        Assert.Equal(0.5, RankingMetrics.AveragePrecision(rankings[1]), 10);
        Assert.Equal(0.325, RankingMetrics.AveragePrecision(rankings[2]), 10);
        Assert.Equal(0.525, RankingMetrics.MeanAveragePrecision(rankings), 10);
    }

    [Fact]
    public void Ranks_AreOneBased_MedianAndMeanAsVsePlusPlus()
    {
        // First relevant ranks 1, 2, 4: median 2, mean 7/3.
        var rankings = Rankings();
        Assert.Equal([1, 2, 4], RankingMetrics.FirstRelevantRanks(rankings));
        Assert.Equal(2, RankingMetrics.MedianRank(rankings));
        Assert.Equal(7 / 3.0, RankingMetrics.MeanRank(rankings), 10);
    }

    [Fact]
    public void MedianRank_EvenCount_FloorsTheMedianAsVsePlusPlus()
    {
        // Ranks 1 and 2: VSE++ floor(median([0, 1])) + 1 = floor(0.5) + 1 = 1.
        float[][] scores = [[0.9f, 0.1f], [0.9f, 0.1f]];
        Assert.Equal(1, RankingMetrics.MedianRank(RankingMetrics.Rank(scores, [[0], [1]])));
        // Ranks 2 and 5 (1-based): floor(median([1, 4])) + 1 = floor(2.5) + 1 = 3.
        float[][] five = [[5, 4, 3, 2, 1], [5, 4, 3, 2, 1]];
        Assert.Equal(3, RankingMetrics.MedianRank(RankingMetrics.Rank(five, [[1], [4]])));
    }

    [Fact]
    public void Rsum_AddsSixRecallsInPercent_AsVsePlusPlus()
    {
        var i2t = new RetrievalReport(0.5, 0.7, 0.8, 2, 3.5, 0.6, 10);
        var t2i = new RetrievalReport(0.4, 0.6, 0.9, 2, 3.0, 0.5, 10);
        Assert.Equal(390, RankingMetrics.Rsum(i2t, t2i), 8); // 100 * (0.5 + 0.7 + 0.8 + 0.4 + 0.6 + 0.9)
    }

    [Fact]
    public void RetrievalReport_From_CollectsTheMetrics()
    {
        // Same rankings: R@1 1/3, R@5 1, R@10 1 (every query has a relevant item among its 5), medr 2, meanr 7/3, mAP 0.525.
        var report = RetrievalReport.From(Rankings());
        Assert.Equal(new RetrievalReport(report.RecallAt1, 1, 1, 2, report.MeanRank, report.MeanAveragePrecision, 3), report);
        Assert.Equal(1 / 3.0, report.RecallAt1, 10);
        Assert.Equal(7 / 3.0, report.MeanRank, 10);
        Assert.Equal(0.525, report.MeanAveragePrecision, 10);
    }

    [Fact]
    public void Rank_ByLabels_MarksItemsOfTheQueryLabelRelevant()
    {
        // Query label 1 over item labels [0 1 1]: scores [0.3 0.2 0.9] -> order 2 0 1, relevance T F T; AP = (1 + 2/3) / 2.
        var ranking = RankingMetrics.Rank([[0.3f, 0.2f, 0.9f]], [1], [0, 1, 1])[0];
        Assert.Equal([2, 0, 1], ranking.Items);
        Assert.Equal(2, ranking.RelevantCount);
        Assert.Equal((1 + 2 / 3.0) / 2, ranking.AveragePrecision, 10);
    }

    [Fact]
    public void Rank_BadInput_NamesTheQueryOrItem()
    {
        Assert.Contains("scores[1][0] is NaN", Assert.Throws<ArgumentException>(() => RankingMetrics.Rank([[1f, 2f], [float.NaN, 1f]], [[0], [1]])).Message);
        Assert.Contains("Query 1 has no relevant item", Assert.Throws<ArgumentException>(() => RankingMetrics.Rank([[1f, 2f], [1f, 2f]], [[0], []])).Message);
        Assert.Contains("scores[1] has 1 items", Assert.Throws<ArgumentException>(() => RankingMetrics.Rank([[1f, 2f], [1f]], [[0], [0]])).Message);
        Assert.Contains("item 5", Assert.Throws<ArgumentException>(() => RankingMetrics.Rank([[1f, 2f]], [[5]])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.HitRateAtK(Rankings(), 0));
    }

    [Fact]
    public void TruncatedList_MissedRelevantItems_CountAsMisses()
    {
        // Retrieved [7, 3] with relevance F T; 3 relevant in all. P@4 = 1/4 (missing places are misses), IR R@2 = 1/3,
        // AP = (1/2) / 3; no rank is defined for a query that retrieved nothing relevant.
        var ranking = new QueryRanking([7, 3], [false, true], 3);
        Assert.Equal(0.25, RankingMetrics.PrecisionAtK([ranking], 4), 10);
        Assert.Equal(1 / 3.0, RankingMetrics.IrRecallAtK([ranking], 2), 10);
        Assert.Equal(1 / 6.0, ranking.AveragePrecision, 10);
        var missed = new QueryRanking([7], [false], 1);
        Assert.Contains("Query 0 retrieved no relevant item", Assert.Throws<InvalidOperationException>(() => RankingMetrics.MedianRank([missed])).Message);
    }
}
