using System.Globalization;
using System.Text.Json;
using FusionKit.Embeddings;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.FusionComparison;

[Collection(TorchTrainingCollection.Name)]
public class FusionSweepTests
{
    [Fact]
    public void Sweep_SummarisesSeeds_IntoTheDocumentedColumns_AndSavesCsvAndJson()
    {
        var cache = FusionTestData.TempFolder();
        var data = FusionTestData.Embedded(trainPerClass: 10, validationPerClass: 2, testPerClass: 5, imageShift: 2);
        var prepared = 0;
        FusionInputs InputsFor(FusionExperimentConfig config)
        {
            prepared++;
            return FusionTestData.Inputs(data, config.Reliability, cache, config.TextSeed);
        }
        var variant = FusionExperimentConfig.Quick with { HiddenSizes = [8], Epochs = 2, BatchSize = 16, Threads = 1 };
        var grid = FusionSweep.Grid(["image-only", "late"], [SideTextReliability.High, SideTextReliability.Low], [variant]);
        Assert.Equal(4, grid.Count);

        var result = FusionSweep.Run(InputsFor, grid, seeds: [0, 1]);
        Assert.Equal(4, prepared); // once per configuration, shared by its seeds

        var frame = result.ToDataFrame();
        Assert.Equal(SweepResult.Columns, frame.Columns.Select(c => c.Name));
        Assert.Equal(4, frame.Rows.Count);
        var row = result.Rows[3];
        Assert.Equal("late", row.Method);
        Assert.Equal("0.5/0.25/0.25", row.Reliability);
        // Reference: mean and ddof=1 std of two values a, b are (a+b)/2 and |a-b|/sqrt(2) (numpy.std(ddof=1)).
        double a = row.Runs[0].Accuracy, b = row.Runs[1].Accuracy;
        Assert.Equal((a + b) / 2, (double)frame["accuracy_mean"][3]!, 12);
        Assert.Equal(Math.Abs(a - b) / Math.Sqrt(2), (double)frame["accuracy_std"][3]!, 12);
        Assert.Equal(2, (int)frame["seeds"][3]!);
        Assert.Equal([0, 1], row.Runs.Select(r => r.Config.Seed));
        // The ablation columns summarise each run's zeroed-modality accuracies the same way; baselines have none (NaN).
        double ia = row.Runs[0].Ablation!.ImageZeroed, ib = row.Runs[1].Ablation!.ImageZeroed;
        Assert.Equal((ia + ib) / 2, (double)frame["image_zeroed_mean"][3]!, 12);
        Assert.Equal(Math.Abs(ia - ib) / Math.Sqrt(2), (double)frame["image_zeroed_std"][3]!, 12);
        Assert.Equal((row.Runs[0].Ablation!.TextZeroed + row.Runs[1].Ablation!.TextZeroed) / 2, (double)frame["text_zeroed_mean"][3]!, 12);
        Assert.True(double.IsNaN((double)frame["image_zeroed_mean"][0]!));
        Assert.Equal("late", (string)frame["model"][3]!);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal("simulated", frame[TextSources.ColumnName][r])); // generated side text, declared

        var folder = FusionTestData.TempFolder();
        var (csv, json) = result.Save(folder);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(string.Join(',', SweepResult.Columns), lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(((a + b) / 2).ToString("R", CultureInfo.InvariantCulture), lines[4]);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(4, doc.RootElement.GetArrayLength());
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",simulated", line, StringComparison.Ordinal));
        Assert.All(doc.RootElement.EnumerateArray(), e => Assert.Equal("simulated", e.GetProperty(TextSources.ColumnName).GetString()));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void ComparisonGrid_HasEveryNamePerReliability_AndTheSubsetBaselineLabelledAsSuch()
    {
        var grid = FusionSweep.ComparisonGrid([SideTextReliability.High, SideTextReliability.Low]);
        Assert.Equal(2 * (FusionExperiment.AllNames.Count + 1), grid.Count);
        var subset = grid.Where(c => c.TrainPerClass is not null).ToArray();
        Assert.Equal(2, subset.Length);
        Assert.All(subset, c => Assert.Equal(FusionExperiment.ImageOnly, c.Method));
        Assert.All(subset, c => Assert.Equal(FusionExperimentConfig.SpatialTrainPerClass, c.TrainPerClass));
        // cross-attention trains on the same subset by default, so the two rows compare like with like
        Assert.Equal(FusionExperimentConfig.SpatialTrainPerClass, grid.First(c => c.Method == "cross-attention").EffectiveTrainPerClass);
        Assert.Null(grid.First(c => c.Method == "gated").EffectiveTrainPerClass);
    }

    [Fact]
    public void Sweep_WithoutSeeds_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FusionSweep.Run(_ => throw new InvalidOperationException("not called"), [FusionExperimentConfig.Quick], []));
        Assert.Contains("seed", error.Message);
    }
}
