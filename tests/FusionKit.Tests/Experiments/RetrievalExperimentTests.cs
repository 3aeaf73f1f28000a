using FusionKit.Experiments;
using FusionKit.Tests.Training;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Experiments;

[Collection(TorchTrainingCollection.Name)]
public class RetrievalExperimentTests
{
    private static readonly RetrievalExperimentOptions Fast = new()
    {
        ClassifierEpochs = 40, ClassifierHiddenSizes = [16], JointEpochs = 3, JointDim = 8, JointBatchSize = 32, BootstrapResamples = 50, Threads = 1,
    };

    [Fact]
    public void Run_TwoSeeds_GivesEveryMetricWithMeanAndStd()
    {
        var data = RetrievalSyntheticData.Create(seeds: [0, 1]);
        var result = RetrievalExperiment.Run(data, RetrievalSyntheticData.Embed, Fast);

        Assert.Equal([0, 1], result.Seeds);
        var frame = result.ToDataFrame();
        Assert.Equal(["task", "setting", "metric", "mean", "std", "seeds", "value"], frame.Columns.Select(c => c.Name));
        // 1 accuracy + (P@K, R@K) for K in 1, 5, 10 + mAP = 8 rows; 2 text kinds x 2 directions x 5 metrics = 20 rows.
        Assert.Equal(28, frame.Rows.Count);
        var rows = result.Rows();
        Assert.All(rows, r => Assert.Equal(2, r.Summary.Count));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Summary.StandardDeviation)));
        Assert.All(rows.Where(r => r.Metric != "median rank"), r => Assert.InRange(r.Summary.Mean, 0, 1));
        Assert.Contains(rows, r => r.Task == "joint space (side text)" && r.Setting == "text->image" && r.Metric == "R@10");
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
        Assert.Equal("task,setting,metric,mean,std,seeds,value", csv[0]);
        Assert.Equal(result.Rows().Count + 1, csv.Length);
        Assert.Contains("\"seeds\"", File.ReadAllText(paths[2]));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }
}
