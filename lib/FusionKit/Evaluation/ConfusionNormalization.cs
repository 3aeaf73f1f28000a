namespace FusionKit.Evaluation;

/// <summary>
/// Normalisation of a confusion matrix, as the <c>normalize</c> parameter of scikit-learn's
/// <c>confusion_matrix</c>: a row, column or total sum of zero gives 0 (scikit-learn applies <c>nan_to_num</c>).
/// </summary>
public enum ConfusionNormalization
{
    /// <summary>Raw counts.</summary>
    None,

    /// <summary>Each row (true class) sums to 1: the diagonal holds per-class recall.</summary>
    True,

    /// <summary>Each column (predicted class) sums to 1: the diagonal holds per-class precision.</summary>
    Pred,

    /// <summary>All cells sum to 1.</summary>
    All,
}
