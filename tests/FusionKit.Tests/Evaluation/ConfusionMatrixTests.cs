using FusionKit.Evaluation;

namespace FusionKit.Tests.Evaluation;

public class ConfusionMatrixTests
{
    // scikit-learn documentation example of confusion_matrix
    // (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html):
    // y_true=[2,0,2,2,0,1], y_pred=[0,0,2,2,0,2] -> [[2,0,0],[0,0,1],[1,0,2]].
    private static readonly int[] YTrue = [2, 0, 2, 2, 0, 1];
    private static readonly int[] YPred = [0, 0, 2, 2, 0, 2];
    private static readonly string[] Names = ["ant", "bird", "cat"];

    [Fact]
    public void Counts_MatchScikitLearnDocumentationExample()
    {
        var matrix = ConfusionMatrix.Compute(YTrue, YPred, Names);

        Assert.Equal(new[,] { { 2, 0, 0 }, { 0, 0, 1 }, { 1, 0, 2 } }, matrix.ToArray());
        Assert.Equal(6, matrix.Total);
        Assert.Equal([2, 1, 3], matrix.TrueCounts());
        Assert.Equal([3, 0, 3], matrix.PredictedCounts());
    }

    [Fact]
    public void Normalized_DividesRowsColumnsOrTotal_ZeroSumsGiveZero()
    {
        var matrix = ConfusionMatrix.Compute(YTrue, YPred, Names);

        // Hand-computed from [[2,0,0],[0,0,1],[1,0,2]]: row sums 2,1,3; column sums 3,0,3 (column 'bird' has no
        // predictions: scikit-learn's nan_to_num turns its 0/0 into 0); total 6.
        AssertMatrix(new[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 1.0 / 3, 0, 2.0 / 3 } }, matrix.Normalized(ConfusionNormalization.True));
        AssertMatrix(new[,] { { 2.0 / 3, 0, 0 }, { 0, 0, 1.0 / 3 }, { 1.0 / 3, 0, 2.0 / 3 } }, matrix.Normalized(ConfusionNormalization.Pred));
        AssertMatrix(new[,] { { 2.0 / 6, 0, 0 }, { 0, 0, 1.0 / 6 }, { 1.0 / 6, 0, 2.0 / 6 } }, matrix.Normalized(ConfusionNormalization.All));
        AssertMatrix(new[,] { { 2.0, 0, 0 }, { 0, 0, 1 }, { 1, 0, 2 } }, matrix.Normalized(ConfusionNormalization.None));
    }

    [Fact]
    public void AbsentClass_GetsZeroRowAndColumn()
    {
        var matrix = ConfusionMatrix.Compute([0, 1], [1, 1], ["x", "y", "never seen"]);

        Assert.Equal(new[,] { { 0, 1, 0 }, { 0, 1, 0 }, { 0, 0, 0 } }, matrix.ToArray());
    }

    [Fact]
    public void ToDataFrame_HasClassNameColumnThenOneColumnPerPrediction()
    {
        var frame = ConfusionMatrix.Compute(YTrue, YPred, Names).ToDataFrame();

        Assert.Equal(["true \\ pred", "ant", "bird", "cat"], frame.Columns.Select(c => c.Name));
        Assert.Equal(["ant", "bird", "cat"], frame.Columns[0].Cast<string>());
        Assert.Equal([2, 0, 1], frame.Columns["ant"].Cast<int?>().Select(v => v!.Value));
        Assert.Equal([0, 1, 2], frame.Columns["cat"].Cast<int?>().Select(v => v!.Value));

        var normalized = ConfusionMatrix.Compute(YTrue, YPred, Names).ToDataFrame(ConfusionNormalization.True);
        Assert.Equal(2.0 / 3, (double)normalized.Columns["cat"][2]!, 12);
    }

    [Fact]
    public void ToString_IsAGridWithRowsTrueAndColumnsPredicted()
    {
        var text = ConfusionMatrix.Compute(YTrue, YPred, Names).ToString();

        Assert.Equal(
            "true \\ pred  ant  bird  cat\n" +
            "        ant    2     0    0\n" +
            "       bird    0     0    1\n" +
            "        cat    1     0    2\n",
            text);
    }

    [Fact]
    public void ReportFromMatrix_EqualsReportFromLabels()
    {
        var fromLabels = ClassificationReport.Compute(YTrue, YPred, Names);
        var fromMatrix = ClassificationReport.FromConfusionMatrix(ConfusionMatrix.Compute(YTrue, YPred, Names));

        Assert.Equal(fromLabels.Classes, fromMatrix.Classes);
        Assert.Equal(fromLabels.MacroAverage, fromMatrix.MacroAverage);
    }

    private static void AssertMatrix(double[,] expected, double[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var r = 0; r < expected.GetLength(0); r++)
            for (var c = 0; c < expected.GetLength(1); c++)
                Assert.Equal(expected[r, c], actual[r, c], 12);
    }
}
