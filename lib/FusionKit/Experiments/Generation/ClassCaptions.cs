namespace FusionKit.Experiments.Generation;

/// <summary>One class's paraphrases: those captions are drawn from in training, and those held out of training.</summary>
/// <param name="Label">Class index.</param>
/// <param name="Name">Class name, as in the dataset.</param>
/// <param name="Train">Paraphrases used as training captions.</param>
/// <param name="HeldOut">Paraphrases never seen in training (unseen-phrasing test prompts).</param>
public sealed record ClassCaptions(int Label, string Name, IReadOnlyList<string> Train, IReadOnlyList<string> HeldOut);
