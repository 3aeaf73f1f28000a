using FusionKit.Embeddings;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Tests.Embeddings;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.CaseStudy;

/// <summary>One in-memory case study on synthetic data, shared by the tests that only read its result.</summary>
public sealed class SyntheticCaseStudyFixture
{
    public SyntheticCaseStudyFixture()
    {
        TorchRuntime.EnsureReady();
        Data = SyntheticEmbeddedData.Create(imageSignal: 1.2);
        Result = new CaseStudyExperiment(SyntheticEmbeddedData.Config()).Run(Data, seeds: [0, 1]);
    }

    public EmbeddedData Data { get; }
    public CaseStudyResult Result { get; }
}

[Collection(TorchTrainingCollection.Name)]
public class CaseStudyTests(SyntheticCaseStudyFixture fixture) : IClassFixture<SyntheticCaseStudyFixture>
{
    private CaseStudyResult Result => fixture.Result;

    [Fact]
    public void PaperVariant_IsNearPerfectWithTheTrueLabelText_AndNearZeroWithAWrongOne()
    {
        foreach (var encoder in new[] { "wordvec", "minilm" })
        {
            var leaked = Result.Summary($"paper ({encoder})");
            Assert.True(leaked.Leaks);
            Assert.True(leaked.Accuracy.Mean >= 0.97, $"{encoder}: true-text accuracy {leaked.Accuracy.Mean}");
            var wrong = Result.Summary($"paper ({encoder}), wrong label text");
            Assert.True(wrong.Leaks);
            Assert.True(wrong.Accuracy.Mean <= 0.1, $"{encoder}: wrong-text accuracy {wrong.Accuracy.Mean}");
            // A random label is right 1 time in 5 here; the model follows it.
            var random = Result.Summary($"paper ({encoder}), random label text");
            Assert.False(random.Leaks);
            Assert.InRange(random.Accuracy.Mean, 0.05, 0.45);
        }
    }

    [Fact]
    public void CompatibilityModel_ClassifiesWithoutAnyLabelInput()
    {
        var imageOnly = Result.Summary("image-only");
        foreach (var encoder in new[] { "wordvec", "minilm" })
        {
            var honest = Result.Summary($"compatibility ({encoder})");
            Assert.False(honest.Leaks);
            Assert.Equal(TestTextKind.NotUsed, honest.Variant.TestText);
            // Chance is 0.2 with 5 classes; the image signal alone carries the class, as for image-only.
            Assert.True(honest.Accuracy.Mean > 0.6, $"{encoder}: compatibility accuracy {honest.Accuracy.Mean}");
            Assert.True(Math.Abs(honest.Accuracy.Mean - imageOnly.Accuracy.Mean) < 0.2,
                $"{encoder}: compatibility {honest.Accuracy.Mean} vs image-only {imageOnly.Accuracy.Mean}");
        }
    }

    [Fact]
    public void Result_HasEveryVariantForEverySeed_WithConsistentMetrics()
    {
        // 1 image-only + 2 compatibility + 2 x 4 paper rows, for 2 seeds.
        Assert.Equal(11, Result.Summaries.Count);
        Assert.Equal(22, Result.Runs.Count);
        Assert.All(Result.Summaries, s => Assert.Equal(2, s.Seeds));
        foreach (var run in Result.Runs)
        {
            Assert.Equal(fixture.Data.Test.Count, run.Confusion.Total);
            Assert.Equal(8, run.History.Epochs.Count);
            Assert.True(run.TrainSeconds > 0);
        }
        var summary = Result.Summary("image-only");
        var runs = Result.RunsOf("image-only");
        Assert.Equal(runs.Average(r => r.Accuracy), summary.Accuracy.Mean, 12);
        // Sample std (ddof 1) of two values a, b is |a - b| / sqrt(2).
        Assert.Equal(Math.Abs(runs[0].MacroF1 - runs[1].MacroF1) / Math.Sqrt(2), summary.MacroF1.StandardDeviation, 12);
    }

    [Fact]
    public void SummaryTable_MarksLeakedRows()
    {
        var table = Result.SummaryTable();
        Assert.Equal(["variant", "role", "leaked", "seeds", "accuracy_mean", "accuracy_std", "macro_recall_mean", "macro_recall_std", "macro_f1_mean", "macro_f1_std",
                      "text_source"], table.Columns.Select(c => c.Name));
        // The label text the paper and compatibility models read is declared as such; image-only reads no text.
        for (long i = 0; i < table.Rows.Count; i++)
            Assert.Equal(((string)table["variant"][i]).StartsWith("image-only", StringComparison.Ordinal) ? "n/a" : "label", table["text_source"][i]);
        Assert.Equal("label", Result.RunTable()["text_source"][Result.Runs.Count - 1]);
        for (long i = 0; i < table.Rows.Count; i++)
        {
            var name = (string)table["variant"][i];
            var leaked = (string)table["leaked"][i] == "yes";
            Assert.Equal(leaked, name.Contains("[leaked]", StringComparison.Ordinal));
            Assert.Equal(leaked, name.StartsWith("paper", StringComparison.Ordinal) && (name.Contains("wrong", StringComparison.Ordinal) || !name.Contains(',', StringComparison.Ordinal)));
        }
        var text = CaseStudyText.SummaryTable(Result);
        Assert.Contains("paper (minilm) [leaked]", text);
        Assert.Contains("LEAKED", text);
        Assert.Matches(@"(?m)^paper \(minilm\) \[leaked\] .* label$", text.ReplaceLineEndings("\n"));
        // The explanation quotes this run's own figures (P1 of the mean accuracies).
        var explanation = CaseStudyText.LeakageExplanation(Result);
        Assert.Contains(Result.Summary("paper (minilm)").Accuracy.Mean.ToString("P1", System.Globalization.CultureInfo.InvariantCulture), explanation);
        Assert.Contains(Result.Summary("image-only").Accuracy.Mean.ToString("P1", System.Globalization.CultureInfo.InvariantCulture), explanation);
        var audit = Result.AuditTable();
        Assert.Equal(2, audit.Rows.Count);
    }

    [Fact]
    public void SameSeed_GivesTheSameMetrics()
    {
        var config = SyntheticEmbeddedData.Config(epochs: 2) with { TextEncoders = ["minilm"] };
        var first = new CaseStudyExperiment(config).Run(fixture.Data, seeds: [3]);
        var second = new CaseStudyExperiment(config).Run(fixture.Data, seeds: [3]);
        var other = new CaseStudyExperiment(config).Run(fixture.Data, seeds: [4]);
        Assert.Equal(first.Runs.Count, second.Runs.Count);
        for (var i = 0; i < first.Runs.Count; i++)
        {
            Assert.Equal(first.Runs[i].Variant, second.Runs[i].Variant);
            Assert.Equal(first.Runs[i].Confusion.ToArray(), second.Runs[i].Confusion.ToArray());
            Assert.Equal(TorchTestSupport.Metrics(first.Runs[i].History), TorchTestSupport.Metrics(second.Runs[i].History));
        }
        // Another seed changes initial weights and batch order, hence the training losses.
        Assert.NotEqual(TorchTestSupport.Metrics(first.Runs[0].History), TorchTestSupport.Metrics(other.Runs[0].History));
    }

    [Fact]
    public void Run_RejectsAnEncoderTheDataDoesNotHave()
    {
        var config = SyntheticEmbeddedData.Config() with { TextEncoders = ["glove"] };
        var error = Assert.Throws<ArgumentException>(() => new CaseStudyExperiment(config).Run(fixture.Data));
        Assert.Contains("glove", error.Message);
        Assert.Contains("wordvec", error.Message);
    }
}
