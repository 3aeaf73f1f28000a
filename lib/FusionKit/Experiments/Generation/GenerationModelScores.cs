namespace FusionKit.Experiments.Generation;

/// <summary>The judge's scores of one model (or reference set) under one kind of prompt, for one seed.</summary>
/// <param name="Model">"text (minilm)", "one-hot labels", "unconditional" or a reference's name.</param>
/// <param name="Prompts">Which prompts drew the images: training phrasings, held-out phrasings, class labels, none.</param>
/// <param name="Seed">The seed of the model and of the judge.</param>
/// <param name="Scores">Conditional accuracy, Fréchet distance (ResNet18 features), precision/recall, classification accuracy score.</param>
public sealed record GenerationModelScores(string Model, string Prompts, int Seed, GenerationScores Scores);
