using System.Text.Json.Nodes;
using FusionKit.Charts;
using FusionKit.Evaluation.Generative;
using FusionKit.Experiments.Generation;
using FusionKit.Results;
using FusionKit.Runs;

namespace FusionKit.Tests.Experiments.Generation;

/// <summary>Means and sample standard deviations (ddof = 1) below are computed by hand from the scores written out.</summary>
public class GenerationTableTests
{
    private static GenerationScores Scores(string source, double accuracy, double frechet, double precision, double recall, double cas, int n = 100) =>
        new(source, n, accuracy, [accuracy + 0.1, accuracy - 0.1], frechet, new PrecisionRecallScores(precision, recall, 3, n, n), cas);

    // Two seeds of a generator, interleaved with two seeds of the real reference.
    private static readonly GenerationScores[] TwoSeeds =
    [
        Scores("text GAN", 0.8, 40, 0.7, 0.5, 0.6),
        Scores(GenerationReference.RealName, 0.9, 10, 0.8, 0.8, 0.85),
        Scores("text GAN", 0.9, 60, 0.8, 0.3, 0.7),
        Scores(GenerationReference.RealName, 0.9, 12, 0.8, 0.8, 0.87),
    ];

    [Fact]
    public void Summarize_GroupsBySourceInFirstAppearanceOrderWithMeanAndSampleStd()
    {
        var rows = GenerationTable.Summarize(TwoSeeds);

        Assert.Equal(["text GAN", GenerationReference.RealName], rows.Select(r => r.Source));
        var gan = rows[0];
        // accuracy 0.8, 0.9: mean 0.85, std sqrt(2 · 0.05² / 1) = 0.0707107; Fréchet 40, 60: mean 50, std sqrt(2 · 10²) = 14.1421.
        Assert.Equal(0.85, gan.ConditionalAccuracy.Mean, 12);
        Assert.Equal(0.0707107, gan.ConditionalAccuracy.StandardDeviation, 6);
        Assert.Equal(50, gan.FrechetDistance.Mean, 12);
        Assert.Equal(14.1421, gan.FrechetDistance.StandardDeviation, 4);
        Assert.Equal(0.4, gan.Recall.Mean, 12);
        Assert.Equal(0.65, gan.ClassificationAccuracyScore.Mean, 12);
        Assert.Equal(2, gan.ConditionalAccuracy.Count);
        Assert.Equal([0.95, 0.75], gan.ConditionalAccuracyPerClass.Select(s => Math.Round(s.Mean, 12)));
        Assert.Equal(100, gan.SampleSize);
    }

    [Fact]
    public void ToTable_DeclaresTheCaptionsOnEveryRowAndPrintsMeanPlusMinusStd()
    {
        var table = GenerationTable.ToTable(GenerationTable.Summarize(TwoSeeds));

        var wide = table.Wide();
        Assert.Equal("generated from the class labels", wide.Columns["captions"][0]);
        Assert.Equal("none (reference images)", wide.Columns["captions"][1]); // the judge's real reference: no model, no captions
        Assert.Equal(GenerationTable.MetricNames, table.Metrics);
        Assert.Contains("Fréchet distance (ResNet18 features)_mean", wide.Columns.Select(c => c.Name));
        var headline = GenerationTable.Headline(table);
        Assert.Equal("0.850 ± 0.071", headline.Columns["conditional accuracy"][0]);
        Assert.Equal("50.000 ± 14.142", headline.Columns["Fréchet distance (ResNet18 features)"][0]);
        Assert.Equal("11.000 ± 1.414", headline.Columns["Fréchet distance (ResNet18 features)"][1]);
        Assert.Contains("generated from the class labels", SectionTables.Text(headline));
    }

    [Fact]
    public void Summarize_KeepsUndefinedConditionalMeasuresOfAnUnconditionalModelAsNotAvailable()
    {
        GenerationScores Unconditional(double frechet) =>
            new("unconditional GAN", 100, double.NaN, [double.NaN, double.NaN], frechet, new PrecisionRecallScores(0.6, 0.5, 3, 100, 100), double.NaN);

        var rows = GenerationTable.Summarize([Unconditional(30), Unconditional(50)]);
        var headline = GenerationTable.Headline(GenerationTable.ToTable(rows));

        Assert.True(double.IsNaN(rows[0].ConditionalAccuracy.Mean));
        Assert.Equal("n/a", headline.Columns["conditional accuracy"][0]);
        Assert.Equal("n/a", headline.Columns["classification accuracy score"][0]);
        Assert.Equal("40.000 ± 14.142", headline.Columns["Fréchet distance (ResNet18 features)"][0]);
        var mixed = Assert.Throws<ArgumentException>(() => GenerationTable.Summarize([Unconditional(30), Scores("unconditional GAN", 0.5, 1, 1, 1, 1)]));
        Assert.Contains("defined for some seeds and not others", mixed.Message);
    }

    [Fact]
    public void Summarize_RefusesOneSourceAtDifferentSampleSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => GenerationTable.Summarize([Scores("g", 0.8, 1, 1, 1, 1, n: 100), Scores("g", 0.8, 1, 1, 1, 1, n: 1000)]));

        Assert.Contains("'g' was scored at different sample sizes (100, 1000)", error.Message);
    }

    [Fact]
    public void Charts_StateSampleSizeSeedsAndCaptionsInEveryTitle()
    {
        var rows = GenerationTable.Summarize(TwoSeeds);

        var charts = GenerationTable.Charts(GenerationTable.ToTable(rows), GenerationTable.PerClassTable(rows, ["shirt", "boot"]));

        Assert.Equal(6, charts.Count); // five metrics and the per-class chart
        foreach (var chart in charts)
        {
            var title = (string)ChartJson.Parse(chart).Layout["title"]!;
            Assert.Contains("n = 100 per side, mean ± std over 2 seeds, captions generated from the class labels", title);
        }
        Assert.StartsWith("Fréchet distance (ResNet18 features), lower is better", (string)ChartJson.Parse(charts[1]).Layout["title"]!);
    }

    [Fact]
    public void Save_WritesTablesJsonAndChartsThatDeclareTheCaptions()
    {
        using var folder = new TempFolder();
        var rows = GenerationTable.Summarize(TwoSeeds);

        var paths = GenerationTable.Save(rows, ["shirt", "boot"], folder.Path);

        Assert.All(paths, p => Assert.Contains("generated from the class labels", File.ReadAllText(p)));
        var json = JsonNode.Parse(File.ReadAllText(paths[2]))!;
        var table = ResultTable.FromJson(json["table"], paths[2]);
        Assert.Equal(50, table.OfMetric("Fréchet distance (ResNet18 features)").Rows[0].Mean, 12);
        Assert.Equal(table.ToCsv(), ResultTable.FromCsv(File.ReadAllText(paths[0]), paths[0]).ToCsv()); // generation.csv holds the same table
        var perClass = ResultTable.FromJson(json["perClass"], paths[2]);
        Assert.Equal(4, perClass.Rows.Count); // two sources x two classes
        Assert.Equal("boot", perClass.Cell(perClass.Rows[1], "class"));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }
}
