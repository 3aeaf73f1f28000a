namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>
/// One phrasing of a question (a row of <c>data/interaction/questions.csv</c>).
/// </summary>
/// <param name="Type">The question type.</param>
/// <param name="Key">"class" for <see cref="QuestionType.What"/> and <see cref="QuestionType.IsClass"/>; the attribute asked about otherwise.</param>
/// <param name="HeldOut">A paraphrase kept out of training and validation, used only to test whether a model understands new wordings.</param>
/// <param name="Template">The text; is-class templates hold <c>{noun}</c>, replaced by the class's noun.</param>
public sealed record QuestionTemplate(QuestionType Type, string Key, bool HeldOut, string Template)
{
    /// <summary>The placeholder an is-class template names its class with.</summary>
    public const string NounPlaceholder = "{noun}";

    /// <summary>The question text, with <paramref name="subject"/>'s noun in place of <see cref="NounPlaceholder"/> (is-class only).</summary>
    public string Render(ClassAttributes? subject) =>
        Type == QuestionType.IsClass
            ? Template.Replace(NounPlaceholder, (subject ?? throw new ArgumentNullException(nameof(subject), "An is-class question names a class.")).Noun, StringComparison.Ordinal)
            : Template;
}
