using FusionKit.Experiments.Retrieval;
using FusionKit.Tests.Training;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Experiments.Retrieval;

[Collection(TorchTrainingCollection.Name)]
public class RetrievalExperimentTests
{
    private static readonly RetrievalExperimentOptions Fast = new()
    {
        ClassifierEpochs = 40, ClassifierBatchSize = 32, ClassifierHiddenSizes = [16], JointEpochs = 3, JointDim = 8, JointBatchSize = 32, BootstrapResamples = 50, Threads = 1,
    };

    [Fact]
    public void Run_TwoSeeds_GivesEveryMetricWithMeanAndStd()
    {
        var data = RetrievalSyntheticData.Create(testPerClass: 12, seeds: [0, 1]);   // 120 test titles: some repeat
        var result = RetrievalExperiment.Run(data, RetrievalSyntheticData.Embed, Fast);

        Assert.Equal([0, 1], result.Seeds);
        var frame = result.ToDataFrame();
        Assert.Equal(["task", "setting", "metric", "mean", "std", "seeds", "value", "text_source"], frame.Columns.Select(c => c.Name));
        // Every row declares its text: simulated for the side-text space, label for the descriptions, n/a for image->image.
        Assert.All(Enumerable.Range(0, (int)frame.Rows.Count), r => Assert.Equal(
            ((string)frame.Columns["task"][r]).Contains("simulated side text", StringComparison.Ordinal) ? "simulated"
            : ((string)frame.Columns["task"][r]).Contains("label descriptions", StringComparison.Ordinal) ? "label" : "n/a",
            frame.Columns["text_source"][r]));
        // 1 accuracy + (P@K, R@K) for K in 1, 5, 10 + mAP = 8 rows; 2 text kinds x 2 directions x 5 metrics = 20 rows;
        // side text again with class-level relevance: 2 directions x (5 metrics + queries) = 12 rows.
        Assert.Equal(40, frame.Rows.Count);
        var rows = result.Rows();
        Assert.All(rows, r => Assert.Equal(2, r.Summary.Count));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Summary.StandardDeviation)));
        Assert.All(rows.Where(r => r.Metric is not ("median rank" or "queries")), r => Assert.InRange(r.Summary.Mean, 0, 1));
        Assert.Contains(rows, r => r.Task == "joint space (simulated side text, exact-text relevance, identical titles merged)" && r.Setting == "text->image" && r.Metric == "R@10");
        const string classLevel = "joint space (simulated side text, class-level relevance)";
        Assert.Contains(rows, r => r.Task == classLevel && r.Setting == "image->text" && r.Metric == "mAP");
        // Identical titles are one text: the class-level queries are the distinct test titles that name a class
        // (boilerplate excluded) and every test image; the exact-text queries are all distinct titles.
        var titles = FusionKit.Text.SideTextGenerator.Generate(data.Test.Labels, Fast.SideTextReliability, Fast.SideTextSeed + 1);
        var distinct = titles.DistinctBy(t => t.Text).ToArray();
        Assert.True(distinct.Length < titles.Count, "the synthetic titles repeat (boilerplate at least), or this test proves nothing");
        Assert.Equal(distinct.Count(t => t.DescribedClass >= 0), rows.Single(r => r.Task == classLevel && r.Setting == "text->image" && r.Metric == "queries").Summary.Mean);
        Assert.Equal(data.Test.Count, rows.Single(r => r.Task == classLevel && r.Setting == "image->text" && r.Metric == "queries").Summary.Mean);
        Assert.Equal(distinct.Count(t => t.DescribedClass < 0), result.SideTextByClass![0].TextsNamingNoClass);
        Assert.All(result.Joint[JointTextKind.SideText], r => Assert.Equal(distinct.Length, r.TextToImage.Queries));
        Assert.All(result.Joint[JointTextKind.SideText], r => Assert.Equal(data.Test.Count, r.ImageToText.Queries));
        Assert.Contains("name no class and are excluded", Assert.Single(result.Notes()));
        // The exact-text figures are the side-text space's own per-seed reports.
        Assert.Equal(result.Joint[JointTextKind.SideText].Average(r => r.TextToImage.MeanAveragePrecision),
                     rows.Single(r => r.Task == "joint space (simulated side text, exact-text relevance, identical titles merged)" && r.Setting == "text->image" && r.Metric == "mAP").Summary.Mean, 12);
        Assert.Contains(rows, r => r.Task == "joint space (label descriptions)" && r.Setting == "image->text" && r.Metric == "median rank");
        // The classes are well separated: the classifier and the retrieval by predicted class beat chance (0.1) several times over.
        Assert.True(rows.Single(r => r.Metric == "classifier accuracy").Summary.Mean > 0.5, string.Join("\n", rows));
        Assert.True(rows.Single(r => r.Task == RetrievalResult.ClassificationTask && r.Metric == "P@1").Summary.Mean > 0.8);
        // The std column is the ddof = 1 spread of the two per-seed values: |a - b| / sqrt(2).
        var a = result.Classification[0].MeanAveragePrecision;
        var b = result.Classification[1].MeanAveragePrecision;
        Assert.Equal(Math.Abs(a - b) / Math.Sqrt(2), rows.Single(r => r.Task == RetrievalResult.ClassificationTask && r.Metric == "mAP").Summary.StandardDeviation, 12);
    }

    [Fact]
    public void Run_OneSeed_HasNaNStd_IntervalsAroundEstimate_AndSavesFiles()
    {
        var data = RetrievalSyntheticData.Create();
        var result = RetrievalExperiment.Run(data, RetrievalSyntheticData.Embed, Fast with { JointTexts = [] });
        Assert.All(result.Rows(), r => Assert.True(double.IsNaN(r.Summary.StandardDeviation)));
        Assert.Equal(["mAP", "P@1", "P@5", "P@10"], result.ClassificationIntervals.Keys);
        foreach (var interval in result.ClassificationIntervals.Values)
            Assert.True(interval.Lower <= interval.Estimate && interval.Estimate <= interval.Upper, interval.ToString());
        Assert.Equal(result.Classification[0].MeanAveragePrecision, result.ClassificationIntervals["mAP"].Estimate, 12);

        using var folder = new TempFolder();
        var paths = result.Save(folder.Path);
        var csv = File.ReadAllLines(paths[0]);
        Assert.Equal("task,setting,metric,mean,std,seeds,value,text_source", csv[0]);
        Assert.All(csv.Skip(1), line => Assert.EndsWith(",n/a", line, StringComparison.Ordinal)); // image->image rows only: no text
        Assert.Equal(result.Rows().Count + 1, csv.Length);
        Assert.Contains("\"seeds\"", File.ReadAllText(paths[2]));
        Assert.Contains("\"text_source\": \"n/a\"", File.ReadAllText(paths[2]));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }
}
