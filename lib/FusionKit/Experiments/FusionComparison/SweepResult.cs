using System.Globalization;
using System.Text;
using System.Text.Json;
using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Results;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.FusionComparison;

/// <summary>The rows of a <see cref="FusionSweep"/>, as a table, chart data and files.</summary>
public sealed record SweepResult(IReadOnlyList<SweepRow> Rows)
{
    /// <summary>Column names of <see cref="ToDataFrame"/> and of the CSV file, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["method", "params", "reliability", "accuracy_mean", "accuracy_std", "macro_f1_mean", "macro_f1_std", "seeds", "train_seconds", "parameters",
         "image_zeroed_mean", "image_zeroed_std", "text_zeroed_mean", "text_zeroed_std", "model", TextSources.ColumnName];

    /// <summary>One row per configuration; std is the sample standard deviation over seeds (ddof = 1; NaN for one seed).</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn(Columns[0], Rows.Select(r => r.Method)),
        new StringDataFrameColumn(Columns[1], Rows.Select(r => r.Parameters)),
        new StringDataFrameColumn(Columns[2], Rows.Select(r => r.Reliability)),
        new DoubleDataFrameColumn(Columns[3], Rows.Select(r => r.Accuracy.Mean)),
        new DoubleDataFrameColumn(Columns[4], Rows.Select(r => r.Accuracy.StandardDeviation)),
        new DoubleDataFrameColumn(Columns[5], Rows.Select(r => r.MacroF1.Mean)),
        new DoubleDataFrameColumn(Columns[6], Rows.Select(r => r.MacroF1.StandardDeviation)),
        new Int32DataFrameColumn(Columns[7], Rows.Select(r => r.Accuracy.Count)),
        new DoubleDataFrameColumn(Columns[8], Rows.Select(r => r.TrainSeconds)),
        new Int64DataFrameColumn(Columns[9], Rows.Select(r => r.ParameterCount)),
        new DoubleDataFrameColumn(Columns[10], Rows.Select(r => r.ImageZeroed.Mean)),
        new DoubleDataFrameColumn(Columns[11], Rows.Select(r => r.ImageZeroed.StandardDeviation)),
        new DoubleDataFrameColumn(Columns[12], Rows.Select(r => r.TextZeroed.Mean)),
        new DoubleDataFrameColumn(Columns[13], Rows.Select(r => r.TextZeroed.StandardDeviation)),
        new StringDataFrameColumn(Columns[14], Rows.Select(r => r.Model)),
        new StringDataFrameColumn(Columns[15], Rows.Select(r => TextSources.Name(r.TextSource))));

    /// <summary>
    /// The sweep's result table (<see cref="ResultTable"/>): settings method, params, reliability, model, parameters
    /// (trainable count) and <see cref="TextSources.ColumnName"/>; metrics accuracy, macro_f1, image_zeroed and
    /// text_zeroed (the modality ablation; missing for a single-modality baseline). The run section's table.
    /// </summary>
    public ResultTable Table() => new(["method", "params", "reliability", "model", "parameters", TextSources.ColumnName], Rows.SelectMany(r =>
    {
        string[] settings = [r.Method, r.Parameters, r.Reliability, r.Model, r.ParameterCount.ToString(CultureInfo.InvariantCulture), TextSources.Name(r.TextSource)];
        return new[]
        {
            ResultRow.Of(settings, "accuracy", r.Accuracy), ResultRow.Of(settings, "macro_f1", r.MacroF1),
            ResultRow.Of(settings, "image_zeroed", r.ImageZeroed), ResultRow.Of(settings, "text_zeroed", r.TextZeroed),
        };
    }));

    /// <summary>Mean ± std accuracy and macro-F1 per row, labelled "method @ reliability", for <see cref="ComparisonCharts.Variants"/>.</summary>
    public IReadOnlyList<VariantResult> ToVariants() =>
        Rows.Select(r => new VariantResult($"{r.Method} @ {r.Reliability}", r.Accuracy, r.MacroF1)).ToArray();

    /// <summary>The table as CSV (<see cref="TableCsv"/>: a missing value, e.g. the std of one seed, is an empty field).</summary>
    public string ToCsv() => TableCsv.ToCsv(ToDataFrame());

    /// <summary>Writes <c>sweep.csv</c> and <c>sweep.json</c> (per-seed accuracies included) into <paramref name="directory"/>, each atomically.</summary>
    /// <returns>The two paths.</returns>
    public (string Csv, string Json) Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "sweep.csv");
        var json = Path.Combine(directory, "sweep.json");
        AtomicFile.WriteAllText(csv, ToCsv());
        var records = Rows.Select(r => new
        {
            method = r.Method, @params = r.Parameters, reliability = r.Reliability,
            accuracy_mean = r.Accuracy.Mean, accuracy_std = Finite(r.Accuracy.StandardDeviation),
            macro_f1_mean = r.MacroF1.Mean, macro_f1_std = Finite(r.MacroF1.StandardDeviation),
            seeds = r.Runs.Select(x => x.Config.Seed).ToArray(), accuracy_per_seed = r.Runs.Select(x => x.Accuracy).ToArray(),
            train_seconds = r.TrainSeconds, parameters = r.ParameterCount,
            image_zeroed_mean = Finite(r.ImageZeroed.Mean), image_zeroed_std = Finite(r.ImageZeroed.StandardDeviation),
            text_zeroed_mean = Finite(r.TextZeroed.Mean), text_zeroed_std = Finite(r.TextZeroed.StandardDeviation),
            model = r.Model, train_rows = r.Runs[0].TrainCount, text_source = TextSources.Name(r.TextSource),
        });
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(records, KitJson.Options));
        return (csv, json);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null; // JSON has no NaN
}
