using FusionKit.Data;

namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>
/// The question phrasings (<c>data/interaction/questions.csv</c>: type, key, phrasing "seen" or "held-out", template),
/// checked against an <see cref="AttributeTable"/>: every key exists and has the right kind, every (type, key) has at
/// least one seen and one held-out phrasing, and only is-class templates name a class.
/// </summary>
public sealed class QuestionTemplates
{
    /// <summary>File name inside <c>data/interaction/</c>.</summary>
    public const string FileName = "questions.csv";

    /// <summary>The key of the questions about the class itself (what, is-class).</summary>
    public const string ClassKey = "class";

    private QuestionTemplates(IReadOnlyList<QuestionTemplate> all) => All = all;

    /// <summary>Every phrasing in file order.</summary>
    public IReadOnlyList<QuestionTemplate> All { get; }

    /// <summary>The (type, key) pairs asked, in file order of first appearance.</summary>
    public IReadOnlyList<(QuestionType Type, string Key)> Questions => All.Select(t => (t.Type, t.Key)).Distinct().ToArray();

    /// <summary>The phrasings of one (type, key), seen or held out.</summary>
    public IReadOnlyList<QuestionTemplate> For(QuestionType type, string key, bool heldOut) =>
        All.Where(t => t.Type == type && t.Key == key && t.HeldOut == heldOut).ToArray();

    /// <summary>The templates bundled with the kit, checked against <paramref name="table"/>.</summary>
    public static QuestionTemplates LoadDefault(AttributeTable table) =>
        Load(Path.Combine(DataLocator.FindDataDirectory(), "interaction", FileName), table);

    /// <summary>Reads and checks the templates; errors name the file and line.</summary>
    /// <exception cref="InvalidDataException">An unknown type, key or phrasing, a misplaced <c>{noun}</c>, a duplicate, or a (type, key) without both phrasings.</exception>
    public static QuestionTemplates Load(string path, AttributeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var lines = InteractionCsv.Read(path);
        if (!lines[0].Fields.SequenceEqual(["type", "key", "phrasing", "template"]))
            throw new InvalidDataException($"{path}: line 1 must be the header type,key,phrasing,template.");
        var templates = new List<QuestionTemplate>();
        foreach (var (number, f) in lines.Skip(1))
        {
            string Where() => $"{path}, line {number}";
            if (f.Count != 4) throw new InvalidDataException($"{Where()}: {f.Count} fields, expected 4 (a template may not hold a comma).");
            var type = QuestionTypes.Parse(f[0]) ?? throw new InvalidDataException($"{Where()}: unknown type '{f[0]}'; use {string.Join(", ", QuestionTypes.All.Select(QuestionTypes.Name))}.");
            var expected = type switch
            {
                QuestionType.What or QuestionType.IsClass => [ClassKey],
                QuestionType.YesNo => table.YesNoAttributes,
                _ => table.ValueAttributes,
            };
            if (!expected.Contains(f[1]))
                throw new InvalidDataException($"{Where()}: a {f[0]} question's key must be one of {string.Join(", ", expected)}, got '{f[1]}'.");
            if (f[2] is not ("seen" or "held-out")) throw new InvalidDataException($"{Where()}: phrasing must be 'seen' or 'held-out', got '{f[2]}'.");
            var names = f[3].Contains(QuestionTemplate.NounPlaceholder, StringComparison.Ordinal);
            if (names != (type == QuestionType.IsClass))
                throw new InvalidDataException($"{Where()}: {(names ? "only is-class templates may hold" : "an is-class template must hold")} {QuestionTemplate.NounPlaceholder}.");
            var template = new QuestionTemplate(type, f[1], f[2] == "held-out", f[3].ToLowerInvariant());
            if (templates.Any(t => t.Template == template.Template)) throw new InvalidDataException($"{Where()}: the template '{f[3]}' appears twice.");
            templates.Add(template);
        }
        var result = new QuestionTemplates(templates);
        foreach (var (type, key) in result.Questions)
            if (result.For(type, key, heldOut: false).Count == 0 || result.For(type, key, heldOut: true).Count == 0)
                throw new InvalidDataException($"{path}: the {QuestionTypes.Name(type)} question on '{key}' needs at least one seen and one held-out phrasing.");
        return result;
    }
}
