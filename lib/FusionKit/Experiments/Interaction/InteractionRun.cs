using FusionKit.Experiments.Interaction.QuestionGeneration;

namespace FusionKit.Experiments.Interaction;

/// <summary>One trained (or counted, for the prior) answer model of the interaction experiment and its accuracies.</summary>
/// <param name="Model">"prior", "question-only", "image-only" or a fusion method.</param>
/// <param name="Encoder">Question encoder, or "-" where the model reads no question embedding.</param>
/// <param name="TrainSeconds">Wall-clock training time (0 for the prior).</param>
/// <param name="Epochs">Epochs run (the best one on validation is kept).</param>
/// <param name="ValidationAccuracy">Accuracy on the validation questions: the only figure model choices use.</param>
/// <param name="Seen">Test accuracy with seen phrasings: overall (key null) and per question type.</param>
/// <param name="HeldOut">Test accuracy with held-out phrasings, same images and answers.</param>
public sealed record InteractionRun(string Model, string Encoder, int Seed, double TrainSeconds, int Epochs, double ValidationAccuracy,
                                    IReadOnlyDictionary<QuestionType, double> Seen, double SeenOverall,
                                    IReadOnlyDictionary<QuestionType, double> HeldOut, double HeldOutOverall)
{
    /// <summary>Where cross-attention looked for a few test questions (seen phrasings), or null for other models.</summary>
    public IReadOnlyList<AttentionExample>? Attention { get; init; }

    /// <summary>"gated · minilm", "image-only".</summary>
    public string Label => LabelOf(Model, Encoder);

    /// <summary>The <see cref="Label"/> of a model that reads questions from <paramref name="encoder"/> ("-": none).</summary>
    public static string LabelOf(string model, string encoder) => encoder == "-" ? model : $"{model} · {encoder}";
}
