using FusionKit.Data;

namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>
/// What the generated questions may ask about each Fashion-MNIST class: <c>data/interaction/attributes.csv</c>, one row
/// per class (label order) with the class's answer text, the noun questions use for it, and one column per attribute.
/// Attributes whose values are all "yes"/"no" are asked as yes/no questions, the others as attribute-value questions.
/// The values are this kit's judgement of the typical item of each class (a documented table, not ground truth per
/// image): e.g. dresses count as sleeveless, trousers as worn all year.
/// </summary>
public sealed class AttributeTable
{
    /// <summary>File name inside <c>data/interaction/</c>.</summary>
    public const string FileName = "attributes.csv";

    private static readonly string[] FixedColumns = ["class", "answer", "noun"];

    private AttributeTable(IReadOnlyList<ClassAttributes> classes, IReadOnlyList<string> attributes, string source)
    {
        Classes = classes;
        Attributes = attributes;
        Source = source;
        YesNoAttributes = attributes.Where(a => classes.All(c => c.Values[a] is "yes" or "no")).ToArray();
        ValueAttributes = attributes.Except(YesNoAttributes).ToArray();
    }

    /// <summary>One row per class, index = label.</summary>
    public IReadOnlyList<ClassAttributes> Classes { get; }

    /// <summary>Attribute names in column order.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Attributes answered yes or no.</summary>
    public IReadOnlyList<string> YesNoAttributes { get; }

    /// <summary>Attributes answered with a value (e.g. worn_on: upper body, legs, ...).</summary>
    public IReadOnlyList<string> ValueAttributes { get; }

    /// <summary>Where the table was read from.</summary>
    public string Source { get; }

    /// <summary>The distinct values of <paramref name="attribute"/> in class order of first appearance.</summary>
    public IReadOnlyList<string> ValuesOf(string attribute) => Classes.Select(c => c.Values[attribute]).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every answer a question can have: the class answers, "yes", "no", then each value attribute's values.</summary>
    public IReadOnlyList<string> AnswerVocabulary() =>
        Classes.Select(c => c.Answer).Concat(["yes", "no"]).Concat(ValueAttributes.SelectMany(ValuesOf)).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The table bundled with the kit (<c>data/interaction/attributes.csv</c>).</summary>
    public static AttributeTable LoadDefault() => Load(Path.Combine(DataLocator.FindDataDirectory(), "interaction", FileName));

    /// <summary>Reads a table; errors name the file and line.</summary>
    /// <exception cref="InvalidDataException">A missing column, a row with the wrong number of fields, labels out of order, or an empty value.</exception>
    public static AttributeTable Load(string path)
    {
        var lines = InteractionCsv.Read(path);
        var header = lines[0].Fields;
        if (!header.Take(3).SequenceEqual(FixedColumns) || header.Count < 4)
            throw new InvalidDataException($"{path}: line 1 must start with the columns {string.Join(",", FixedColumns)} followed by at least one attribute.");
        var attributes = header.Skip(3).ToArray();
        var classes = new List<ClassAttributes>();
        foreach (var (number, fields) in lines.Skip(1))
        {
            if (fields.Count != header.Count)
                throw new InvalidDataException($"{path}, line {number}: {fields.Count} fields, the header has {header.Count}.");
            if (!int.TryParse(fields[0], out var label) || label != classes.Count)
                throw new InvalidDataException($"{path}, line {number}: class '{fields[0]}' should be {classes.Count} (rows in label order).");
            if (fields.Any(string.IsNullOrWhiteSpace))
                throw new InvalidDataException($"{path}, line {number}: an empty field.");
            var values = attributes.Select((a, i) => (a, v: fields[3 + i])).ToDictionary(p => p.a, p => p.v, StringComparer.Ordinal);
            classes.Add(new ClassAttributes(label, fields[1], fields[2], values));
        }
        if (classes.Count < 2) throw new InvalidDataException($"{path}: the table needs at least two classes.");
        return new AttributeTable(classes, attributes, path);
    }
}
