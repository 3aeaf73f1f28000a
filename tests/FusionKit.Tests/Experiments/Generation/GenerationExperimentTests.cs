using FusionKit.Evaluation.Generative;
using FusionKit.Experiments.Generation;

namespace FusionKit.Tests.Experiments.Generation;

public class GenerationExperimentTests
{
    private static GenerationModelScores Score(string model, string prompts, int seed, double accuracy, double fd) =>
        new(model, prompts, seed, new GenerationScores($"{model}, {prompts}", 20, accuracy, Enumerable.Repeat(accuracy, 10).ToArray(), fd,
            new PrecisionRecallScores(0.5, 0.25, 3, 20, 20), 0.6));

    [Fact]
    public void Summary_IsMeanAndSampleStdOverSeeds_ReferencesLast_CaptionsDeclared()
    {
        var scores = new[]
        {
            Score("real (held-out training images)", GenerationExperiment.Reference, 0, 0.9, 1.0),
            Score("text (minilm)", GenerationExperiment.HeldOutPhrasings, 0, 0.6, 10),
            Score("text (minilm)", GenerationExperiment.HeldOutPhrasings, 1, 0.8, 14),
        };
        var table = GenerationExperiment.Summary(scores).Wide(); // the documented wide view: <metric>_mean, _std, _n
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("text (minilm)", table.Columns["model"][0]);
        Assert.Equal("generated from class label", table.Columns["captions"][0]);
        // mean (0.6 + 0.8) / 2 = 0.7; sample std sqrt(((0.1)^2 + (0.1)^2) / 1) = 0.141421; FD 12 ± 2.828427
        Assert.Equal(0.7, (double)table.Columns["conditional_accuracy_mean"][0]!, 6);
        Assert.Equal(0.141421, (double)table.Columns["conditional_accuracy_std"][0]!, 5);
        Assert.Equal(12.0, (double)table.Columns["frechet_distance_resnet18_mean"][0]!, 6);
        Assert.Equal(2.828427, (double)table.Columns["frechet_distance_resnet18_std"][0]!, 5);
        Assert.Equal(2, (int)table.Columns["conditional_accuracy_n"][0]!);
        Assert.Equal("20", table.Columns["images"][0]); // images per side of each comparison, a setting
        Assert.Equal("none", table.Columns["captions"][1]);
        Assert.True(double.IsNaN((double)table.Columns["conditional_accuracy_std"][1]!)); // one seed: no spread, not 0
    }

    [Fact]
    public void PerClassTable_HasOneRowPerGeneratedModelAndClass()
    {
        var scores = new[] { Score("text (minilm)", GenerationExperiment.TrainingPhrasings, 0, 0.5, 3), Score("real", GenerationExperiment.Reference, 0, 0.9, 1) };
        var table = GenerationExperiment.PerClassTable(scores, CaptionBank.LoadDefault());
        Assert.Equal(10, table.Rows.Count);
        Assert.Equal("Ankle boot", table.Cell(table.Rows[9], "class"));
        Assert.Equal(["conditional_accuracy"], table.Metrics);
    }
}
