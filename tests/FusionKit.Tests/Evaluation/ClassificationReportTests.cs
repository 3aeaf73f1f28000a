using FusionKit.Evaluation;

namespace FusionKit.Tests.Evaluation;

public class ClassificationReportTests
{
    private const int Digits = 12;

    // scikit-learn documentation example of classification_report
    // (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.classification_report.html):
    // y_true=[0,1,2,2,2], y_pred=[0,0,2,2,1], target_names=['class 0','class 1','class 2'].
    private static readonly int[] DocTrue = [0, 1, 2, 2, 2];
    private static readonly int[] DocPred = [0, 0, 2, 2, 1];
    private static readonly string[] DocNames = ["class 0", "class 1", "class 2"];

    [Fact]
    public void PerClass_MatchesScikitLearnDocumentationExample()
    {
        var report = ClassificationReport.Compute(DocTrue, DocPred, DocNames);

        // Exact fractions behind the documented 0.50/0.00/1.00, 1.00/0.00/0.67, 0.67/0.00/0.80, support 1/1/3.
        Assert.Equal([0.5, 0.0, 1.0], report.Classes.Select(c => Math.Round(c.Precision, Digits)));
        Assert.Equal(1.0, report.Classes[0].Recall, Digits);
        Assert.Equal(0.0, report.Classes[1].Recall, Digits);
        Assert.Equal(2.0 / 3, report.Classes[2].Recall, Digits);
        Assert.Equal(2.0 / 3, report.Classes[0].F1, Digits);
        Assert.Equal(0.0, report.Classes[1].F1, Digits);
        Assert.Equal(0.8, report.Classes[2].F1, Digits);
        Assert.Equal([1, 1, 3], report.Classes.Select(c => c.Support));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Averages_MatchScikitLearnDocumentationExample()
    {
        var report = ClassificationReport.Compute(DocTrue, DocPred, DocNames);

        // Documented: accuracy 0.60, macro avg 0.50 0.56 0.49, weighted avg 0.70 0.60 0.61 (support 5).
        // Exact: macro R = (1 + 0 + 2/3)/3 = 5/9, macro F1 = (2/3 + 0 + 4/5)/3 = 22/45,
        // weighted P = (0.5·1 + 0·1 + 1·3)/5 = 0.7, weighted F1 = (2/3 + 0 + 0.8·3)/5 = 46/75.
        Assert.Equal(0.6, report.Accuracy, Digits);
        Assert.Equal(0.5, report.MacroAverage.Precision, Digits);
        Assert.Equal(5.0 / 9, report.MacroAverage.Recall, Digits);
        Assert.Equal(22.0 / 45, report.MacroAverage.F1, Digits);
        Assert.Equal(0.7, report.WeightedAverage.Precision, Digits);
        Assert.Equal(0.6, report.WeightedAverage.Recall, Digits);
        Assert.Equal(46.0 / 75, report.WeightedAverage.F1, Digits);
        Assert.Equal(5, report.TotalSupport);
        Assert.Equal(5, report.WeightedAverage.Support);
    }

    [Fact]
    public void ToString_ReproducesScikitLearnDocumentationLayout()
    {
        var report = ClassificationReport.Compute(DocTrue, DocPred, DocNames);

        // Text copied from the scikit-learn documentation example's print(classification_report(...)).
        const string expected =
            "              precision    recall  f1-score   support\n" +
            "\n" +
            "     class 0       0.50      1.00      0.67         1\n" +
            "     class 1       0.00      0.00      0.00         1\n" +
            "     class 2       1.00      0.67      0.80         3\n" +
            "\n" +
            "    accuracy                           0.60         5\n" +
            "   macro avg       0.50      0.56      0.49         5\n" +
            "weighted avg       0.70      0.60      0.61         5\n";
        Assert.Equal(expected, report.ToString());
    }

    // A class never predicted ('b', precision 0/0) and a class absent from both arrays ('c', everything 0/0).
    // Expected values follow scikit-learn's _precision_recall_fscore_support (>= 1.4): precision and recall
    // 0/0 -> zero_division; F1 = 2TP/(2TP+FP+FN) -> zero_division only when TP+FP+FN = 0; averages skip NaN.
    // Hand computation: a: TP 2, predicted 4, true 2 -> P 1/2, R 1, F1 2/3; b: TP 0, predicted 0, true 2 ->
    // R 0, F1 0/2 = 0; c: nothing.
    private static readonly int[] EdgeTrue = [0, 0, 1, 1];
    private static readonly int[] EdgePred = [0, 0, 0, 0];
    private static readonly string[] EdgeNames = ["a", "b", "c"];

    [Theory]
    // zeroDivision, P(b), P(c), R(c), F1(c), macro P/R/F1, weighted P/R/F1 (weights = support 2, 2, 0)
    [InlineData(ZeroDivision.Warn, 0, 0, 0, 0, 1.0 / 6, 1.0 / 3, 2.0 / 9, 0.25, 0.5, 1.0 / 3)]
    [InlineData(ZeroDivision.Zero, 0, 0, 0, 0, 1.0 / 6, 1.0 / 3, 2.0 / 9, 0.25, 0.5, 1.0 / 3)]
    [InlineData(ZeroDivision.One, 1, 1, 1, 1, 2.5 / 3, 2.0 / 3, 5.0 / 9, 0.75, 0.5, 1.0 / 3)]
    [InlineData(ZeroDivision.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0.5, 0.5, 1.0 / 3, 0.5, 0.5, 1.0 / 3)]
    public void ZeroDivision_FollowsScikitLearnRules(
        ZeroDivision zeroDivision, double precisionB, double precisionC, double recallC, double f1C,
        double macroP, double macroR, double macroF1, double weightedP, double weightedR, double weightedF1)
    {
        var report = ClassificationReport.Compute(EdgeTrue, EdgePred, EdgeNames, zeroDivision);

        Assert.Equal(0.5, report.Classes[0].Precision, Digits);
        Assert.Equal(1.0, report.Classes[0].Recall, Digits);
        Assert.Equal(2.0 / 3, report.Classes[0].F1, Digits);
        Assert.Equal(precisionB, report.Classes[1].Precision, Digits);
        Assert.Equal(0.0, report.Classes[1].Recall, Digits);
        Assert.Equal(0.0, report.Classes[1].F1, Digits); // F1 = 0/(2+0): defined, whatever zero_division is.
        Assert.Equal(precisionC, report.Classes[2].Precision, Digits);
        Assert.Equal(recallC, report.Classes[2].Recall, Digits);
        Assert.Equal(f1C, report.Classes[2].F1, Digits);
        Assert.Equal(0, report.Classes[2].Support);
        Assert.Equal(macroP, report.MacroAverage.Precision, Digits);
        Assert.Equal(macroR, report.MacroAverage.Recall, Digits);
        Assert.Equal(macroF1, report.MacroAverage.F1, Digits);
        Assert.Equal(weightedP, report.WeightedAverage.Precision, Digits);
        Assert.Equal(weightedR, report.WeightedAverage.Recall, Digits);
        Assert.Equal(weightedF1, report.WeightedAverage.F1, Digits);
        Assert.Equal(0.5, report.Accuracy, Digits);
    }

    [Fact]
    public void Warn_RecordsScikitLearnStyleWarnings_OtherModesRecordNone()
    {
        var warn = ClassificationReport.Compute(EdgeTrue, EdgePred, EdgeNames, ZeroDivision.Warn);

        // scikit-learn warns: precision for labels without predicted samples (b, c), recall for labels without
        // true samples (c), F-score for labels with neither (c).
        Assert.Equal(3, warn.Warnings.Count);
        Assert.StartsWith("Precision is ill-defined", warn.Warnings[0]);
        Assert.Contains("'b', 'c'", warn.Warnings[0]);
        Assert.StartsWith("Recall is ill-defined", warn.Warnings[1]);
        Assert.EndsWith("'c'. Use the zeroDivision parameter to control this behavior.", warn.Warnings[1]);
        Assert.StartsWith("F-score is ill-defined", warn.Warnings[2]);
        Assert.Contains("no true nor predicted samples: 'c'", warn.Warnings[2]);
        Assert.Empty(ClassificationReport.Compute(EdgeTrue, EdgePred, EdgeNames, ZeroDivision.Zero).Warnings);
    }

    [Fact]
    public void ToString_WritesNanLikePython()
    {
        var text = ClassificationReport.Compute(EdgeTrue, EdgePred, EdgeNames, ZeroDivision.NaN).ToString(3);

        // Python formats float('nan') with '.3f' as 'nan'; the absent class c keeps its row with support 0.
        Assert.Contains("           c        nan       nan       nan         0\n", text);
        Assert.Contains("           a      0.500     1.000     0.667         2\n", text);
    }

    [Fact]
    public void ToDataFrame_HoldsClassRowsThenAccuracyAndAverages()
    {
        var frame = ClassificationReport.Compute(DocTrue, DocPred, DocNames).ToDataFrame();

        Assert.Equal(["class", "precision", "recall", "f1-score", "support"], frame.Columns.Select(c => c.Name));
        Assert.Equal(6, frame.Rows.Count);
        Assert.Equal(["class 0", "class 1", "class 2", "accuracy", "macro avg", "weighted avg"], frame.Columns["class"].Cast<string>());
        Assert.Equal(2.0 / 3, (double)frame.Columns["recall"][2]!, Digits);
        Assert.Null(frame.Columns["precision"][3]);           // accuracy row: f1-score column only, as sklearn
        Assert.Equal(0.6, (double)frame.Columns["f1-score"][3]!, Digits);
        Assert.Equal(22.0 / 45, (double)frame.Columns["f1-score"][4]!, Digits);
        Assert.Equal(5, (int)frame.Columns["support"][5]!);
    }

    [Fact]
    public void Compute_RejectsBadInputWithTheOffendingIndex()
    {
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationReport.Compute([0, 1], [0, 3], DocNames));
        Assert.Contains("yPred[1] = 3", outOfRange.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationReport.Compute([-1, 1], [0, 1], DocNames));
        Assert.Contains("yTrue[0] = -1", negative.Message);
        var lengths = Assert.Throws<ArgumentException>(() => ClassificationReport.Compute([0, 1, 2], [0, 1], DocNames));
        Assert.Contains("3 labels", lengths.Message);
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute([], [], DocNames));
    }

    [Fact]
    public void MacroF1Helper_EqualsReportMacroF1()
    {
        // Same example: documented macro F1 0.49 = 22/45.
        Assert.Equal(22.0 / 45, ClassificationMetrics.MacroF1(DocTrue, DocPred, 3), Digits);
        Assert.Equal(0.6, ClassificationMetrics.Accuracy(DocTrue, DocPred), Digits);
    }
}
