using System.Globalization;
using Microsoft.Data.Analysis;

namespace FusionKit.Evaluation;

/// <summary>
/// Per-class precision, recall, F1 and support, their macro and support-weighted averages and the accuracy,
/// with the semantics of scikit-learn's <c>classification_report</c> and
/// <c>precision_recall_fscore_support</c> (scikit-learn ≥ 1.4):
/// precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2·TP/(2·TP+FP+FN)
/// (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html), so F1 falls back on
/// <see cref="FusionKit.Evaluation.ZeroDivision"/> only when a class has neither true nor predicted samples; otherwise a
/// class with TP = 0 has F1 = 0 whatever precision's fallback was. Averages skip NaN entries, as scikit-learn's
/// <c>_nanaverage</c>. Every class name gets a row, also classes absent from both arrays (support 0).
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(
        IReadOnlyList<ClassMetrics> classes, AveragedMetrics macro, AveragedMetrics weighted, double accuracy,
        ZeroDivision zeroDivision, IReadOnlyList<string> warnings)
    {
        Classes = classes;
        MacroAverage = macro;
        WeightedAverage = weighted;
        Accuracy = accuracy;
        ZeroDivision = zeroDivision;
        Warnings = warnings;
    }

    /// <summary>One row per class name, in class-index order.</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; }

    /// <summary>Unweighted mean over classes ("macro avg").</summary>
    public AveragedMetrics MacroAverage { get; }

    /// <summary>Mean weighted by support ("weighted avg").</summary>
    public AveragedMetrics WeightedAverage { get; }

    /// <summary>Fraction of samples whose prediction equals the truth.</summary>
    public double Accuracy { get; }

    /// <summary>Number of samples.</summary>
    public int TotalSupport => MacroAverage.Support;

    /// <summary>The 0/0 rule this report was computed with.</summary>
    public ZeroDivision ZeroDivision { get; }

    /// <summary>
    /// With <see cref="ZeroDivision.Warn"/>: one message per ill-defined metric, worded like scikit-learn's
    /// <c>UndefinedMetricWarning</c>; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Computes the report from true and predicted class indices.</summary>
    /// <param name="yTrue">True class index of each sample (0..classNames.Count-1).</param>
    /// <param name="yPred">Predicted class index of each sample.</param>
    /// <param name="classNames">Name of each class index (scikit-learn's <c>target_names</c> with <c>labels=range(K)</c>).</param>
    /// <param name="zeroDivision">What 0/0 becomes.</param>
    public static ClassificationReport Compute(
        int[] yTrue, int[] yPred, IReadOnlyList<string> classNames, ZeroDivision zeroDivision = ZeroDivision.Warn) =>
        FromConfusionMatrix(ConfusionMatrix.Compute(yTrue, yPred, classNames), zeroDivision);

    /// <summary>Computes the report from a confusion matrix (rows true, columns predicted).</summary>
    public static ClassificationReport FromConfusionMatrix(ConfusionMatrix matrix, ZeroDivision zeroDivision = ZeroDivision.Warn)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var k = matrix.ClassCount;
        var trueCounts = matrix.TrueCounts();
        var predictedCounts = matrix.PredictedCounts();
        var fallback = zeroDivision switch
        {
            ZeroDivision.Warn or ZeroDivision.Zero => 0.0,
            ZeroDivision.One => 1.0,
            ZeroDivision.NaN => double.NaN,
            _ => throw new ArgumentOutOfRangeException(nameof(zeroDivision), zeroDivision, "Unknown ZeroDivision."),
        };

        var classes = new ClassMetrics[k];
        var noPredicted = new List<string>();
        var noTrue = new List<string>();
        var neither = new List<string>();
        var correct = 0;
        for (var c = 0; c < k; c++)
        {
            var tp = matrix[c, c];
            correct += tp;
            var name = matrix.ClassNames[c];
            if (predictedCounts[c] == 0) noPredicted.Add(name);
            if (trueCounts[c] == 0) noTrue.Add(name);
            if (predictedCounts[c] + trueCounts[c] == 0) neither.Add(name);
            classes[c] = new ClassMetrics(
                name,
                Divide(tp, predictedCounts[c], fallback),
                Divide(tp, trueCounts[c], fallback),
                Divide(2.0 * tp, trueCounts[c] + predictedCounts[c], fallback),
                trueCounts[c]);
        }

        var warnings = new List<string>();
        if (zeroDivision == ZeroDivision.Warn)
        {
            AddWarning(warnings, "Precision", "predicted", noPredicted);
            AddWarning(warnings, "Recall", "true", noTrue);
            AddWarning(warnings, "F-score", "true nor predicted", neither);
        }

        var total = matrix.Total;
        var weights = trueCounts.Select(t => (double)t).ToArray();
        var macro = new AveragedMetrics(
            NanAverage(classes.Select(m => m.Precision), null),
            NanAverage(classes.Select(m => m.Recall), null),
            NanAverage(classes.Select(m => m.F1), null),
            total);
        var weighted = new AveragedMetrics(
            NanAverage(classes.Select(m => m.Precision), weights),
            NanAverage(classes.Select(m => m.Recall), weights),
            NanAverage(classes.Select(m => m.F1), weights),
            total);
        return new ClassificationReport(classes, macro, weighted, (double)correct / total, zeroDivision, warnings);
    }

    /// <summary>
    /// The report as a DataFrame: columns "class", "precision", "recall", "f1-score", "support"; one row per
    /// class, then "accuracy" (precision and recall null, f1-score = accuracy), "macro avg" and "weighted avg".
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var rows = Classes.Select(c => (c.Name, (double?)c.Precision, (double?)c.Recall, c.F1, c.Support))
            .Append(("accuracy", null, null, Accuracy, TotalSupport))
            .Append(("macro avg", MacroAverage.Precision, MacroAverage.Recall, MacroAverage.F1, MacroAverage.Support))
            .Append(("weighted avg", WeightedAverage.Precision, WeightedAverage.Recall, WeightedAverage.F1, WeightedAverage.Support))
            .ToList();
        return new DataFrame(
            new StringDataFrameColumn("class", rows.Select(r => r.Item1)),
            new DoubleDataFrameColumn("precision", rows.Select(r => r.Item2)),
            new DoubleDataFrameColumn("recall", rows.Select(r => r.Item3)),
            new DoubleDataFrameColumn("f1-score", rows.Select(r => (double?)r.Item4)),
            new Int32DataFrameColumn("support", rows.Select(r => (int?)r.Item5)));
    }

    /// <summary>The report laid out like scikit-learn's <c>classification_report(..., digits)</c> text.</summary>
    public string ToString(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        return ClassificationReportText.Format(this, digits);
    }

    /// <summary>The report laid out like scikit-learn's <c>classification_report</c> (2 digits).</summary>
    public override string ToString() => ToString(2);

    private static double Divide(double numerator, int denominator, double fallback) =>
        denominator == 0 ? fallback : numerator / denominator;

    /// <summary>Mean (optionally weighted) over the non-NaN values, as scikit-learn's <c>_nanaverage</c>.</summary>
    private static double NanAverage(IEnumerable<double> values, double[]? weights)
    {
        var list = values.ToArray();
        var kept = Enumerable.Range(0, list.Length).Where(i => !double.IsNaN(list[i])).ToArray();
        if (kept.Length == 0) return double.NaN;
        var weightSum = weights is null ? 0 : kept.Sum(i => weights[i]);
        if (weights is null || weightSum == 0) return kept.Average(i => list[i]);
        return kept.Sum(i => list[i] * weights[i]) / weightSum;
    }

    private static void AddWarning(List<string> warnings, string metric, string missing, List<string> classes)
    {
        if (classes.Count == 0) return;
        var names = string.Join(", ", classes.Select(n => "'" + n + "'"));
        warnings.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{metric} is ill-defined and being set to 0.0 in labels with no {missing} samples: {names}. Use the zeroDivision parameter to control this behavior."));
    }
}
