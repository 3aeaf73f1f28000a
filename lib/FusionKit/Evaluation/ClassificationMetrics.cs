namespace FusionKit.Evaluation;

/// <summary>Single-number classification metrics, handy as bootstrap statistics.</summary>
public static class ClassificationMetrics
{
    /// <summary>Fraction of samples with yPred[i] == yTrue[i] (scikit-learn's <c>accuracy_score</c>).</summary>
    public static double Accuracy(int[] yTrue, int[] yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yTrue.Length != yPred.Length)
            throw new ArgumentException($"yTrue has {yTrue.Length} labels but yPred has {yPred.Length}.", nameof(yPred));
        if (yTrue.Length == 0)
            throw new ArgumentException("yTrue and yPred are empty.", nameof(yTrue));
        var correct = 0;
        for (var i = 0; i < yTrue.Length; i++)
            if (yTrue[i] == yPred[i]) correct++;
        return (double)correct / yTrue.Length;
    }

    /// <summary>
    /// Macro-averaged F1 over classes 0..classCount-1 (scikit-learn's <c>f1_score(average="macro",
    /// labels=range(classCount), zero_division=0)</c>).
    /// </summary>
    public static double MacroF1(int[] yTrue, int[] yPred, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        var names = Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return ClassificationReport.Compute(yTrue, yPred, names, ZeroDivision.Zero).MacroAverage.F1;
    }
}
