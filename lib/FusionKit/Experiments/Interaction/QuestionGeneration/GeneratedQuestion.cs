namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>
/// One generated (image, question, answer) triple of the interaction task.
/// </summary>
/// <param name="Image">Row of the question's image in its split.</param>
/// <param name="Type">The question type.</param>
/// <param name="Key">"class" or the attribute asked about.</param>
/// <param name="Subject">The class an is-class question names (-1 for other types).</param>
/// <param name="Answer">The correct answer (an entry of <see cref="AttributeTable.AnswerVocabulary"/>).</param>
/// <param name="Text">The question as phrased.</param>
/// <param name="HeldOut">Whether <paramref name="Text"/> is a held-out paraphrase.</param>
public sealed record GeneratedQuestion(int Image, QuestionType Type, string Key, int Subject, string Answer, string Text, bool HeldOut);
