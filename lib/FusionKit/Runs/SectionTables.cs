using FusionKit.Charts;
using FusionKit.Results;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Runs;

/// <summary>The headline tables of the run sections: the setting columns, then every metric as "mean ± std" text.</summary>
public static class SectionTables
{
    /// <summary>The columns that name a row (the setting) of each section's table; each ends with <see cref="TextSources.ColumnName"/>,
    /// which declares where the row's text came from (simulated, manifest or label).</summary>
    public static IReadOnlyList<string> SettingColumns(RunSection section) => section switch
    {
        RunSection.CaseStudy => ["variant", "role", "leaked", TextSources.ColumnName],
        RunSection.Fusion => ["method", "reliability", TextSources.ColumnName],
        RunSection.Retrieval => ["task", "setting", TextSources.ColumnName],
        RunSection.ZeroShot => ["split", "method", "label encoder", "label text", TextSources.ColumnName],
        RunSection.Interaction => [.. FusionKit.Experiments.Interaction.InteractionResult.SettingColumns, "questions"], // every row says "generated"
        RunSection.Generation => FusionKit.Experiments.Generation.GenerationSection.SettingColumns, // "captions" says they are generated from labels
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a run section."),
    };

    /// <summary>The section's headline table (<see cref="Headline(ResultTable, IReadOnlyList{string}, int)"/> of its setting columns).</summary>
    public static DataFrame Headline(SectionResult result, int digits = 3)
    {
        ArgumentNullException.ThrowIfNull(result);
        var settings = SettingColumns(result.Section);
        if (result.Section == RunSection.Fusion && result.Table.HasSetting("model"))
            settings = ["model", .. settings.Skip(1)]; // names a subset run, e.g. "image-only (1000/class)"
        return Headline(result.Table, settings, digits);
    }

    /// <summary>The setting columns, then each metric as "mean ± std" text (<see cref="TableText.Headline(ResultTable, IReadOnlyList{string}, int)"/>).</summary>
    /// <exception cref="ArgumentException">A setting column the table lacks.</exception>
    public static DataFrame Headline(ResultTable table, IReadOnlyList<string> settingColumns, int digits = 3) =>
        TableText.Headline(table, settingColumns, digits);

    /// <summary>A frame as an aligned plain-text table (<see cref="TableText.Text(DataFrame)"/>).</summary>
    public static string Text(DataFrame frame) => TableText.Text(frame);

    /// <summary>The named columns of a frame as an aligned plain-text table (<see cref="TableText.Text(DataFrame, IReadOnlyList{string}, bool)"/>).</summary>
    public static string Text(DataFrame frame, IReadOnlyList<string>? columns, bool rule) => TableText.Text(frame, columns, rule);
}
