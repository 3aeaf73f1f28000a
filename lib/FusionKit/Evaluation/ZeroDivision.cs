namespace FusionKit.Evaluation;

/// <summary>
/// What a precision, recall or F1 of 0/0 becomes, as scikit-learn's <c>zero_division</c> parameter of
/// <c>precision_recall_fscore_support</c> / <c>classification_report</c>
/// (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html).
/// </summary>
public enum ZeroDivision
{
    /// <summary>Acts as <see cref="Zero"/> and records a warning (scikit-learn's default <c>"warn"</c>).</summary>
    Warn,

    /// <summary>0/0 is 0.0, silently.</summary>
    Zero,

    /// <summary>0/0 is 1.0.</summary>
    One,

    /// <summary>0/0 is NaN; NaN values are left out of the macro and weighted averages (scikit-learn ≥ 1.3).</summary>
    NaN,
}
