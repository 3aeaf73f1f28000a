using FusionKit.Data;

namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>
/// Generates the interaction task's questions over a split's images, deterministically by seed, in the manner of
/// CLEVR (Johnson et al., CVPR 2017): questions come from templates over a known description (the
/// <see cref="AttributeTable"/>), and the answer is drawn before the image, so answers are balanced per question.
/// Question i has type <see cref="QuestionTypes.All"/>[i mod 4] (equal shares). Within a type, each (question,
/// answer) pair, e.g. (footwear, yes), (footwear, no), (sleeves, yes), ..., is drawn once per shuffled cycle, then
/// an image whose class gives that answer is drawn uniformly. A model that ignores the image therefore cannot beat
/// chance on yes/no questions (the same question is "yes" as often as "no", as in VQA v2's balanced pairs), nor
/// the uniform 1/k on what and value questions. The questions are generated, not asked by people: every output
/// that carries them says so.
/// </summary>
public sealed class QuestionGenerator
{
    private readonly AttributeTable table;
    private readonly QuestionTemplates templates;

    public QuestionGenerator(AttributeTable table, QuestionTemplates templates)
    {
        this.table = table ?? throw new ArgumentNullException(nameof(table));
        this.templates = templates ?? throw new ArgumentNullException(nameof(templates));
    }

    /// <summary>The note every table, chart and report that carries these questions shows.</summary>
    public const string GeneratedNote = "questions generated from templates over a class attribute table, answers balanced per question";

    /// <summary>
    /// <paramref name="count"/> questions over images with <paramref name="imageLabels"/> (class per image row),
    /// phrased with seen templates, or held-out ones when <paramref name="heldOut"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No images, or a class of the table with no image (every answer must be possible).</exception>
    public IReadOnlyList<GeneratedQuestion> Generate(IReadOnlyList<int> imageLabels, int count, int seed, bool heldOut = false) =>
        Phrase(Draw(imageLabels, count, seed), heldOut, seed);

    /// <summary>
    /// The same <paramref name="count"/> (image, question, answer) draws phrased twice: once with seen templates and
    /// once with held-out ones, so the two test sets differ in wording only.
    /// </summary>
    public (IReadOnlyList<GeneratedQuestion> Seen, IReadOnlyList<GeneratedQuestion> HeldOut) GeneratePaired(IReadOnlyList<int> imageLabels, int count, int seed)
    {
        var draws = Draw(imageLabels, count, seed);
        return (Phrase(draws, heldOut: false, seed), Phrase(draws, heldOut: true, seed));
    }

    /// <summary>
    /// Every question a phrasing set can ask about <paramref name="label"/>'s image with its correct answer, one per
    /// (template, subject): the exhaustive list for checks of the attribute table and of a trained model.
    /// </summary>
    public IReadOnlyList<GeneratedQuestion> AllFor(int label, bool heldOut = false)
    {
        var result = new List<GeneratedQuestion>();
        foreach (var combo in Combos())
            if (combo.Accepts(label))
                foreach (var t in templates.For(combo.Type, combo.Key, heldOut))
                    result.Add(new GeneratedQuestion(0, combo.Type, combo.Key, combo.Subject, combo.Answer, t.Render(Subject(combo)), heldOut));
        return result;
    }

    private sealed record Drawn(int Image, Combo Combo);

    /// <summary>One (question, answer) pair: the classes whose images give that answer.</summary>
    private sealed record Combo(QuestionType Type, string Key, int Subject, string Answer, IReadOnlySet<int> Classes)
    {
        public bool Accepts(int label) => Classes.Contains(label);
    }

    private List<Drawn> Draw(IReadOnlyList<int> imageLabels, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(imageLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (imageLabels.Count == 0) throw new ArgumentException("There are no images to ask about.", nameof(imageLabels));
        var byClass = Enumerable.Range(0, table.Classes.Count).Select(c => new List<int>()).ToArray();
        for (var i = 0; i < imageLabels.Count; i++)
        {
            var label = imageLabels[i];
            if (label < 0 || label >= byClass.Length) throw new ArgumentException($"Image {i} has label {label}; the attribute table has classes 0..{byClass.Length - 1}.", nameof(imageLabels));
            byClass[label].Add(i);
        }
        var missing = Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Count == 0).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"No image of class {string.Join(", ", missing.Select(c => table.Classes[c].Answer))}: every class needs images so every answer is possible.", nameof(imageLabels));

        var rng = new SplitMix64(unchecked(((ulong)(uint)seed << 32) ^ 0x51A7E5EDUL));
        var combos = QuestionTypes.All.Select(t => Combos().Where(c => c.Type == t).ToArray()).ToArray();
        var cycles = combos.Select(_ => new Queue<Combo>()).ToArray();
        var draws = new List<Drawn>(count);
        for (var i = 0; i < count; i++)
        {
            var type = i % combos.Length;
            if (combos[type].Length == 0) continue; // a type without templates
            if (cycles[type].Count == 0)
            {
                var order = combos[type].ToArray();
                rng.Shuffle(order.AsSpan());
                foreach (var c in order) cycles[type].Enqueue(c);
            }
            var combo = cycles[type].Dequeue();
            // Uniform over the images giving the answer: draw a class in proportion to its images, then an image.
            var total = combo.Classes.Sum(c => byClass[c].Count);
            var r = rng.NextInt(total);
            foreach (var c in combo.Classes.Order())
            {
                if (r < byClass[c].Count)
                {
                    draws.Add(new Drawn(byClass[c][r], combo));
                    break;
                }
                r -= byClass[c].Count;
            }
        }
        return draws;
    }

    private IReadOnlyList<GeneratedQuestion> Phrase(List<Drawn> draws, bool heldOut, int seed)
    {
        var rng = new SplitMix64(unchecked(((ulong)(uint)seed << 32) ^ (heldOut ? 0x4E1D0U : 0x5EE4U)));
        return draws.Select(d =>
        {
            var options = templates.For(d.Combo.Type, d.Combo.Key, heldOut);
            var template = options[rng.NextInt(options.Count)];
            return new GeneratedQuestion(d.Image, d.Combo.Type, d.Combo.Key, d.Combo.Subject, d.Combo.Answer, template.Render(Subject(d.Combo)), heldOut);
        }).ToArray();
    }

    private ClassAttributes? Subject(Combo combo) => combo.Subject >= 0 ? table.Classes[combo.Subject] : null;

    /// <summary>Every (question, answer) pair the templates ask, with the classes whose images give that answer.</summary>
    private IEnumerable<Combo> Combos()
    {
        var classes = Enumerable.Range(0, table.Classes.Count).ToArray();
        foreach (var (type, key) in templates.Questions)
        {
            switch (type)
            {
                case QuestionType.What:
                    foreach (var c in classes) yield return new Combo(type, key, -1, table.Classes[c].Answer, new HashSet<int> { c });
                    break;
                case QuestionType.IsClass:
                    foreach (var c in classes)
                    {
                        yield return new Combo(type, key, c, "yes", new HashSet<int> { c });
                        yield return new Combo(type, key, c, "no", classes.Where(o => o != c).ToHashSet());
                    }
                    break;
                default:
                    foreach (var value in table.ValuesOf(key))
                        yield return new Combo(type, key, -1, value, classes.Where(c => table.Classes[c].Values[key] == value).ToHashSet());
                    break;
            }
        }
    }
}
