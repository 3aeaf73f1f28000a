namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>
/// One class's row of the attribute table (<c>data/interaction/attributes.csv</c>): the answer that names the class,
/// the noun questions use for it ("is this a {noun}?"), and its attribute values by attribute name, e.g.
/// <c>worn_on = feet</c>, <c>footwear = yes</c>.
/// </summary>
public sealed record ClassAttributes(int Label, string Answer, string Noun, IReadOnlyDictionary<string, string> Values);
