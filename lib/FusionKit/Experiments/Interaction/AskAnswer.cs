namespace FusionKit.Experiments.Interaction;

/// <summary>The reply of a <see cref="QuestionAnswerer"/> to one question about one image.</summary>
/// <param name="Question">The question as asked.</param>
/// <param name="Status">Answered, or why not.</param>
/// <param name="Message">One sentence for the user: the answer, or what to ask instead.</param>
/// <param name="Answer">The most probable answer (null unless answered).</param>
/// <param name="Probability">Its softmax probability.</param>
/// <param name="RunnerUps">The next most probable answers with their probabilities.</param>
/// <param name="NearestQuestion">The known question phrasing closest to the question (cosine of the question embeddings).</param>
/// <param name="Similarity">That cosine similarity.</param>
/// <param name="AttentionMap">Cross-attention's 49 weights over the image's 7x7 grid, or null for other models.</param>
public sealed record AskAnswer(string Question, AskStatus Status, string Message, string? Answer, double Probability,
                               IReadOnlyList<(string Answer, double Probability)> RunnerUps, string? NearestQuestion, double Similarity,
                               float[]? AttentionMap);
