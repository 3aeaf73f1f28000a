using System.Globalization;
using System.Text;

namespace FusionKit.Evaluation.Ranking;

/// <summary>Figures of <see cref="ClassificationRetrieval"/>: per K precision@K and IR recall@K, plus mAP.</summary>
/// <param name="Ks">The cut-offs, in the order given.</param>
/// <param name="PrecisionAtK">Precision@K per cut-off.</param>
/// <param name="IrRecallAtK">Relevant retrieved in the top K / all relevant, per cut-off.</param>
/// <param name="MeanAveragePrecision">mAP over the queries.</param>
/// <param name="MeanRetrieved">Average number of gallery items a query retrieved (its predicted class's size).</param>
/// <param name="Queries">Number of queries.</param>
public sealed record ClassRetrievalReport(IReadOnlyList<int> Ks, IReadOnlyList<double> PrecisionAtK, IReadOnlyList<double> IrRecallAtK,
                                          double MeanAveragePrecision, double MeanRetrieved, int Queries)
{
    /// <summary>"P@1 0.912  R@1 0.001 ... mAP 0.801 (1000 queries, 998.4 retrieved each)".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Ks.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"P@{Ks[i]} {PrecisionAtK[i]:F3}  R@{Ks[i]} {IrRecallAtK[i]:F3}  ");
        text.Append(CultureInfo.InvariantCulture, $"mAP {MeanAveragePrecision:F3}  ({Queries} queries, {MeanRetrieved:F1} retrieved each)");
        return text.ToString();
    }
}
