using FusionKit.Experiments.Interaction.QuestionGeneration;

namespace FusionKit.Experiments.Interaction;

/// <summary>One test question, its image and the attention map (49 weights over the 7x7 grid) a cross-attention model gave it.</summary>
/// <param name="Question">The test question (its <see cref="GeneratedQuestion.Image"/> indexes the test images).</param>
/// <param name="Predicted">The model's answer.</param>
public sealed record AttentionExample(GeneratedQuestion Question, string Predicted, float[] Map);
