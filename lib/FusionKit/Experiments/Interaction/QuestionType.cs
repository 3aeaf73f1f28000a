namespace FusionKit.Experiments.Interaction;

/// <summary>The kinds of generated question, each reported on its own (as VQA reports yes/no, number and other).</summary>
public enum QuestionType
{
    /// <summary>"what is this?": the answer is the class.</summary>
    What,

    /// <summary>"is this a bag?": yes or no on a named class.</summary>
    IsClass,

    /// <summary>"would I wear this on my feet?": yes or no on an attribute of the class.</summary>
    YesNo,

    /// <summary>"where is this worn?": the value of an attribute (upper body, legs, feet, ...).</summary>
    Value,
}

/// <summary>The names of <see cref="QuestionType"/> in the data files, tables and charts.</summary>
public static class QuestionTypes
{
    /// <summary>Every type in table order.</summary>
    public static IReadOnlyList<QuestionType> All { get; } = [QuestionType.What, QuestionType.IsClass, QuestionType.YesNo, QuestionType.Value];

    /// <summary>"what", "is-class", "yes-no", "value": the name used in <c>questions.csv</c> and in result tables.</summary>
    public static string Name(QuestionType type) => type switch
    {
        QuestionType.What => "what",
        QuestionType.IsClass => "is-class",
        QuestionType.YesNo => "yes-no",
        QuestionType.Value => "value",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown question type."),
    };

    /// <summary>The type called <paramref name="name"/>, or null.</summary>
    public static QuestionType? Parse(string name) => All.Cast<QuestionType?>().FirstOrDefault(t => Name(t!.Value) == name);
}
