namespace FusionKit.Evaluation;

/// <summary>Checks of label arrays shared by the evaluation types; errors name the argument and the index.</summary>
internal static class LabelArrays
{
    public static void Validate(int[] yTrue, int[] yPred, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
            throw new ArgumentException("At least one class name is required.", nameof(classNames));
        if (yTrue.Length != yPred.Length)
            throw new ArgumentException(
                $"yTrue has {yTrue.Length} labels but yPred has {yPred.Length}; they must have the same length.",
                nameof(yPred));
        if (yTrue.Length == 0)
            throw new ArgumentException("yTrue and yPred are empty; at least one sample is required.", nameof(yTrue));
        CheckRange(yTrue, classNames.Count, nameof(yTrue));
        CheckRange(yPred, classNames.Count, nameof(yPred));
    }

    private static void CheckRange(int[] labels, int classCount, string name)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classCount)
                throw new ArgumentOutOfRangeException(
                    name,
                    $"{name}[{i}] = {labels[i]} is not a class index: there are {classCount} class names (0..{classCount - 1}).");
        }
    }
}
