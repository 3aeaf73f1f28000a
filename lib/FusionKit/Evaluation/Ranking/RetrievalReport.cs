namespace FusionKit.Evaluation.Ranking;

/// <summary>
/// Retrieval figures of one direction (e.g. text to image): R@1/5/10 as CLIP_benchmark and VSE++ define them
/// (<see cref="RankingMetrics.HitRateAtK"/>, fractions), median and mean rank of the first relevant item
/// (1-based, VSE++) and mAP.
/// </summary>
public sealed record RetrievalReport(double RecallAt1, double RecallAt5, double RecallAt10, double MedianRank, double MeanRank,
                                     double MeanAveragePrecision, int Queries)
{
    /// <summary>Computes the report from complete rankings (every item ranked for every query).</summary>
    public static RetrievalReport From(IReadOnlyList<QueryRanking> rankings) => new(
        RankingMetrics.HitRateAtK(rankings, 1), RankingMetrics.HitRateAtK(rankings, 5), RankingMetrics.HitRateAtK(rankings, 10),
        RankingMetrics.MedianRank(rankings), RankingMetrics.MeanRank(rankings), RankingMetrics.MeanAveragePrecision(rankings),
        rankings.Count);

    /// <summary>"R@1 0.512  R@5 0.803  R@10 0.901  medr 1  meanr 3.2  mAP 0.605  (500 queries)".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"R@1 {RecallAt1:F3}  R@5 {RecallAt5:F3}  R@10 {RecallAt10:F3}  medr {MedianRank:0.#}  meanr {MeanRank:F1}  mAP {MeanAveragePrecision:F3}  ({Queries} queries)");
}
