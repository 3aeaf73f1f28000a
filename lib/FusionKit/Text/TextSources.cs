namespace FusionKit.Text;

/// <summary>The one wording of <see cref="TextSource"/> in tables, task names and titles.</summary>
public static class TextSources
{
    /// <summary>The column that declares the text's source in every table (CSV, JSON, data frame) that carries text.</summary>
    public const string ColumnName = "text_source";

    /// <summary>The column's value in a row that reads no text (an image-only row of a table that also carries text).</summary>
    public const string None = "n/a";

    /// <summary>The column value: "simulated", "manifest" or "label".</summary>
    public static string Name(TextSource source) => source switch
    {
        TextSource.Simulated => "simulated",
        TextSource.Manifest => "manifest",
        TextSource.Label => "label",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a text source."),
    };

    /// <summary>The source as a phrase for titles and task names: "simulated text", "manifest text" or "label text".</summary>
    public static string Describe(TextSource source) => Name(source) + " text";
}
