using FusionKit.Charts;
using FusionKit.Data;
using FusionKit.Evaluation;
using FusionKit.Results;
using FusionKit.Text;
using Microsoft.Data.Analysis;

namespace FusionKit.Experiments.CaseStudy;

/// <summary>
/// Everything a case-study run produced: one <see cref="CaseStudyRun"/> per (variant, seed) and the
/// per-variant summaries over seeds. The honest results are <c>image-only</c> and <c>compatibility (...)</c>;
/// rows with <see cref="CaseStudyVariant.Leaks"/> are marked "leaked" wherever they are shown.
/// </summary>
public sealed class CaseStudyResult
{
    public CaseStudyResult(
        RunProfile profile, CaseStudyConfig config, IReadOnlyList<int> seeds, IReadOnlyList<string> classNames,
        IReadOnlyList<CaseStudyVariant> variants, IReadOnlyList<CaseStudyRun> runs, CaseStudyDataInfo data, string? folder)
    {
        Profile = profile;
        Config = config;
        Seeds = seeds;
        ClassNames = classNames;
        Variants = variants;
        Runs = runs;
        Data = data;
        Folder = folder;
        Summaries = variants
            .Select(v => (Variant: v, Runs: runs.Where(r => r.Variant == v).OrderBy(r => r.Seed).ToList()))
            .Where(x => x.Runs.Count > 0)
            .Select(x => new VariantSummary(
                x.Variant, x.Runs.Count,
                MetricSummary.Of(x.Runs.Select(r => r.Accuracy)),
                MetricSummary.Of(x.Runs.Select(r => r.MacroPrecision)),
                MetricSummary.Of(x.Runs.Select(r => r.MacroRecall)),
                MetricSummary.Of(x.Runs.Select(r => r.MacroF1)),
                MetricSummary.Of(x.Runs.Select(r => r.WeightedF1)),
                MetricSummary.Of(x.Runs.Select(r => r.TrainSeconds))))
            .ToList();
    }

    public RunProfile Profile { get; }
    public CaseStudyConfig Config { get; }
    public IReadOnlyList<int> Seeds { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Variants in report order.</summary>
    public IReadOnlyList<CaseStudyVariant> Variants { get; }

    /// <summary>One entry per (variant, seed).</summary>
    public IReadOnlyList<CaseStudyRun> Runs { get; }

    /// <summary>Sizes and fingerprints of the data the run used.</summary>
    public CaseStudyDataInfo Data { get; }

    /// <summary>The case study's folder (a run folder's <c>case-study/</c> section) holding its settings and per-model files, or null for an in-memory run.</summary>
    public string? Folder { get; }

    /// <summary>One summary per variant (in <see cref="Variants"/> order).</summary>
    public IReadOnlyList<VariantSummary> Summaries { get; }

    /// <summary>The summary of the variant with this name (e.g. "compatibility (minilm)").</summary>
    public VariantSummary Summary(string variantName) =>
        Summaries.FirstOrDefault(s => s.Variant.Name == variantName)
        ?? throw new ArgumentException($"No variant '{variantName}'; the run has: {string.Join(", ", Summaries.Select(s => s.Variant.Name))}.", nameof(variantName));

    /// <summary>The runs of one variant, by seed.</summary>
    public IReadOnlyList<CaseStudyRun> RunsOf(string variantName) =>
        Runs.Where(r => r.Variant.Name == variantName).OrderBy(r => r.Seed).ToList();

    /// <summary>
    /// The summary table: variant (leaked rows end in "[leaked]"), role, leaked ("yes"/"no"), seeds, and the mean
    /// and sample standard deviation over seeds of accuracy, macro recall and macro F1 (std empty for one seed), then
    /// <see cref="TextSources.ColumnName"/> (<see cref="CaseStudyVariant.TextSourceName"/>).
    /// </summary>
    public DataFrame SummaryTable() => new(
        new StringDataFrameColumn("variant", Summaries.Select(s => s.Variant.DisplayName)),
        new StringDataFrameColumn("role", Summaries.Select(s => s.Variant.Role)),
        new StringDataFrameColumn("leaked", Summaries.Select(s => s.Leaks ? "yes" : "no")),
        new Int32DataFrameColumn("seeds", Summaries.Select(s => (int?)s.Seeds)),
        Column("accuracy_mean", Summaries.Select(s => s.Accuracy.Mean)),
        Column("accuracy_std", Summaries.Select(s => s.Accuracy.StandardDeviation)),
        Column("macro_recall_mean", Summaries.Select(s => s.MacroRecall.Mean)),
        Column("macro_recall_std", Summaries.Select(s => s.MacroRecall.StandardDeviation)),
        Column("macro_f1_mean", Summaries.Select(s => s.MacroF1.Mean)),
        Column("macro_f1_std", Summaries.Select(s => s.MacroF1.StandardDeviation)),
        new StringDataFrameColumn(TextSources.ColumnName, Summaries.Select(s => s.Variant.TextSourceName)));

    /// <summary>
    /// The case study's result table (<see cref="ResultTable"/>): settings variant (leaked rows end in "[leaked]"), role,
    /// leaked ("yes"/"no") and <see cref="TextSources.ColumnName"/>; metrics accuracy, macro_recall, macro_f1 (mean and
    /// sample std over seeds, std missing for one seed). The run section's table.
    /// </summary>
    public ResultTable Table() => new(["variant", "role", "leaked", TextSources.ColumnName], Summaries.SelectMany(s =>
    {
        string[] settings = [s.Variant.DisplayName, s.Variant.Role, s.Leaks ? "yes" : "no", s.Variant.TextSourceName];
        return new[] { ResultRow.Of(settings, "accuracy", s.Accuracy), ResultRow.Of(settings, "macro_recall", s.MacroRecall), ResultRow.Of(settings, "macro_f1", s.MacroF1) };
    }));

    /// <summary>One row per (variant, seed): accuracy, macro precision/recall/F1, weighted F1, training seconds, <see cref="TextSources.ColumnName"/>.</summary>
    public DataFrame RunTable() => new(
        new StringDataFrameColumn("variant", Runs.Select(r => r.Variant.DisplayName)),
        new StringDataFrameColumn("leaked", Runs.Select(r => r.Leaks ? "yes" : "no")),
        new Int32DataFrameColumn("seed", Runs.Select(r => (int?)r.Seed)),
        Column("accuracy", Runs.Select(r => r.Accuracy)),
        Column("macro_precision", Runs.Select(r => r.MacroPrecision)),
        Column("macro_recall", Runs.Select(r => r.MacroRecall)),
        Column("macro_f1", Runs.Select(r => r.MacroF1)),
        Column("weighted_f1", Runs.Select(r => r.WeightedF1)),
        Column("train_seconds", Runs.Select(r => r.TrainSeconds)),
        new StringDataFrameColumn(TextSources.ColumnName, Runs.Select(r => r.Variant.TextSourceName)));

    /// <summary>The leakage audit as a compact table: for each paper model, accuracy with true, wrong, random and no text.</summary>
    public DataFrame AuditTable()
    {
        var audits = new[] { TestTextKind.TrueLabel, TestTextKind.WrongLabel, TestTextKind.RandomLabel, TestTextKind.Zeros };
        var encoders = Summaries.Where(s => s.Variant.Model == CaseStudyModelKind.Paper).Select(s => s.Variant.TextEncoder!).Distinct().ToList();
        string Cell(string encoder, TestTextKind kind) =>
            Summaries.FirstOrDefault(s => s.Variant.Model == CaseStudyModelKind.Paper && s.Variant.TextEncoder == encoder && s.Variant.TestText == kind)?.Accuracy.Format() ?? "";
        return new DataFrame(
            new StringDataFrameColumn("paper model", encoders.Select(e => $"paper ({e})")),
            new StringDataFrameColumn("true label text [leaked]", encoders.Select(e => Cell(e, audits[0]))),
            new StringDataFrameColumn("wrong label text [leaked]", encoders.Select(e => Cell(e, audits[1]))),
            new StringDataFrameColumn("random label text", encoders.Select(e => Cell(e, audits[2]))),
            new StringDataFrameColumn("no text (zeros)", encoders.Select(e => Cell(e, audits[3]))));
    }

    /// <summary>The variants as chart input (leaked ones labelled "[leaked]").</summary>
    public IReadOnlyList<VariantResult> ChartVariants() =>
        Summaries.Select(s => new VariantResult(s.Variant.DisplayName, s.Accuracy, s.MacroF1)).ToList();

    /// <summary>The variant's test confusion matrices summed over seeds.</summary>
    public ConfusionMatrix PooledConfusion(string variantName)
    {
        var runs = RunsOf(variantName);
        if (runs.Count == 0) throw new ArgumentException($"No runs of variant '{variantName}'.", nameof(variantName));
        var k = ClassNames.Count;
        var counts = new int[k][];
        for (var r = 0; r < k; r++)
        {
            counts[r] = new int[k];
            for (var c = 0; c < k; c++) counts[r][c] = runs.Sum(run => run.Confusion[r, c]);
        }
        return CaseStudyStore.ConfusionFromCounts(counts, ClassNames);
    }

    /// <summary>The honest model to show first: the compatibility model of the last encoder, else image-only.</summary>
    public CaseStudyVariant HeadlineHonestVariant =>
        Summaries.LastOrDefault(s => s.Variant.Model == CaseStudyModelKind.Compatibility)?.Variant ?? CaseStudyVariant.ImageOnly;

    /// <summary>Total training seconds over every trained model (audits reuse their paper model's training).</summary>
    public double TotalTrainSeconds => Runs
        .Where(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)
        .Sum(r => r.TrainSeconds);

    private static DoubleDataFrameColumn Column(string name, IEnumerable<double> values) =>
        new(name, values.Select(v => double.IsNaN(v) ? (double?)null : v));
}
