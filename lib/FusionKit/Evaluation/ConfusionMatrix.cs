using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Evaluation;

/// <summary>
/// Confusion matrix with rows = true class and columns = predicted class, as scikit-learn's
/// <c>confusion_matrix(y_true, y_pred, labels=range(len(classNames)))</c>
/// (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    private ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        this.counts = counts;
        ClassNames = classNames;
    }

    /// <summary>Class names; index i names row i and column i.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Number of samples counted.</summary>
    public int Total { get; private init; }

    /// <summary>Samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass] => counts[trueClass, predictedClass];

    /// <summary>Counts the (true, predicted) pairs; classes absent from both arrays get a row and column of zeros.</summary>
    /// <exception cref="ArgumentException">Lengths differ, the arrays are empty or a label is outside 0..classNames.Count-1.</exception>
    public static ConfusionMatrix Compute(int[] yTrue, int[] yPred, IReadOnlyList<string> classNames)
    {
        LabelArrays.Validate(yTrue, yPred, classNames);
        var k = classNames.Count;
        var counts = new int[k, k];
        for (var i = 0; i < yTrue.Length; i++)
            counts[yTrue[i], yPred[i]]++;
        return new ConfusionMatrix(counts, classNames.ToArray()) { Total = yTrue.Length };
    }

    /// <summary>Number of true samples of each class (row sums).</summary>
    public int[] TrueCounts() => Enumerable.Range(0, ClassCount).Select(r => Enumerable.Range(0, ClassCount).Sum(c => counts[r, c])).ToArray();

    /// <summary>Number of predictions of each class (column sums).</summary>
    public int[] PredictedCounts() => Enumerable.Range(0, ClassCount).Select(c => Enumerable.Range(0, ClassCount).Sum(r => counts[r, c])).ToArray();

    /// <summary>A copy of the raw counts.</summary>
    public int[,] ToArray() => (int[,])counts.Clone();

    /// <summary>The matrix as fractions; a zero row, column or total gives 0, as scikit-learn.</summary>
    public double[,] Normalized(ConfusionNormalization normalization)
    {
        var k = ClassCount;
        var rowSums = TrueCounts();
        var columnSums = PredictedCounts();
        var result = new double[k, k];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < k; c++)
            {
                double denominator = normalization switch
                {
                    ConfusionNormalization.None => 1,
                    ConfusionNormalization.True => rowSums[r],
                    ConfusionNormalization.Pred => columnSums[c],
                    ConfusionNormalization.All => Total,
                    _ => throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown normalisation."),
                };
                result[r, c] = denominator == 0 ? 0 : counts[r, c] / denominator;
            }
        }

        return result;
    }

    /// <summary>
    /// A DataFrame with a "true \ pred" column of class names and one column per predicted class
    /// (Int32 counts, or Double fractions when normalised).
    /// </summary>
    public DataFrame ToDataFrame(ConfusionNormalization normalization = ConfusionNormalization.None)
    {
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("true \\ pred", ClassNames) };
        var values = Normalized(normalization);
        for (var c = 0; c < ClassCount; c++)
        {
            var column = c;
            columns.Add(normalization == ConfusionNormalization.None
                ? new Int32DataFrameColumn(ClassNames[c], Enumerable.Range(0, ClassCount).Select(r => counts[r, column]))
                : new DoubleDataFrameColumn(ClassNames[c], Enumerable.Range(0, ClassCount).Select(r => values[r, column])));
        }

        return new DataFrame(columns);
    }

    /// <summary>Text grid: rows true, columns predicted, class names as headers.</summary>
    public string ToString(ConfusionNormalization normalization, int digits = 2)
    {
        var values = Normalized(normalization);
        string Cell(int r, int c) => normalization == ConfusionNormalization.None
            ? counts[r, c].ToString(CultureInfo.InvariantCulture)
            : values[r, c].ToString("F" + digits, CultureInfo.InvariantCulture);

        const string corner = "true \\ pred";
        var nameWidth = Math.Max(corner.Length, ClassNames.Max(n => n.Length));
        var cellWidth = Enumerable.Range(0, ClassCount)
            .Select(c => Math.Max(ClassNames[c].Length, Enumerable.Range(0, ClassCount).Max(r => Cell(r, c).Length)))
            .ToArray();
        var text = new StringBuilder();
        text.Append(corner.PadLeft(nameWidth));
        for (var c = 0; c < ClassCount; c++)
            text.Append("  ").Append(ClassNames[c].PadLeft(cellWidth[c]));
        text.Append('\n');
        for (var r = 0; r < ClassCount; r++)
        {
            text.Append(ClassNames[r].PadLeft(nameWidth));
            for (var c = 0; c < ClassCount; c++)
                text.Append("  ").Append(Cell(r, c).PadLeft(cellWidth[c]));
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToString(ConfusionNormalization.None);
}
