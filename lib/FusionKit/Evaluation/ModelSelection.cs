namespace FusionKit.Evaluation;

/// <summary>
/// Chooses a setting (a default, a hyperparameter) on validation data only. While <see cref="ChooseOnValidation"/>
/// scores candidates, reading a test split (<c>FusionInputs.Test</c>, Embeddings) throws, so a selection that peeks at
/// the test set fails instead of reporting a test-tuned number.
/// </summary>
public static class ModelSelection
{
    private static readonly AsyncLocal<bool> Selecting = new();

    /// <summary>True while a <see cref="ChooseOnValidation"/> call on this thread (or its async flow) scores candidates.</summary>
    public static bool IsSelecting => Selecting.Value;

    /// <summary>
    /// The candidate with the highest validation score (the first on a tie), with every candidate's score.
    /// <paramref name="validationScore"/> must read only training and validation data.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="validationScore"/> read a test split.</exception>
    public static (T Best, IReadOnlyList<(T Candidate, double Score)> Scores) ChooseOnValidation<T>(IEnumerable<T> candidates, Func<T, double> validationScore)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(validationScore);
        var scores = new List<(T, double)>();
        foreach (var candidate in candidates) scores.Add((candidate, WhileSelecting(() => validationScore(candidate))));
        if (scores.Count == 0) throw new ArgumentException("No candidates to choose from.", nameof(candidates));
        var best = scores[0];
        foreach (var s in scores) if (s.Item2 > best.Item2) best = s;
        return (best.Item1, scores);
    }

    /// <summary>Runs <paramref name="validationScore"/> as a model selection: reading a test split inside it throws.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="validationScore"/> read a test split.</exception>
    public static TResult WhileSelecting<TResult>(Func<TResult> validationScore)
    {
        ArgumentNullException.ThrowIfNull(validationScore);
        var outer = Selecting.Value;
        Selecting.Value = true;
        try
        {
            return validationScore();
        }
        finally
        {
            Selecting.Value = outer;
        }
    }

    /// <summary>Returns <paramref name="split"/>, or throws when a model selection is under way (it must not read test data).</summary>
    internal static TSplit GuardTest<TSplit>(TSplit split) =>
        IsSelecting
            ? throw new InvalidOperationException("Model selection read the test split: choose settings on the validation split only (ModelSelection.ChooseOnValidation).")
            : split;
}
