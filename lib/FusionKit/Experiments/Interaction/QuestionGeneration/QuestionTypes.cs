namespace FusionKit.Experiments.Interaction.QuestionGeneration;

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
