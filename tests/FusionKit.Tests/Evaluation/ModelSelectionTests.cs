using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Models.Fusion;
using FusionKit.Tests.Experiments.FusionComparison;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Evaluation;

/// <summary>Issue 10, item 3: settings are chosen on validation data; a selection that reads the test split fails.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ModelSelectionTests
{
    private static FusionInputs Inputs() =>
        FusionTestData.Inputs(FusionTestData.Embedded(trainPerClass: 20, validationPerClass: 10, testPerClass: 10),
                              SideTextReliability.FromTrueFraction(0.8), FusionTestData.TempFolder());

    private static FusionExperimentConfig Bilinear(int o) =>
        FusionExperimentConfig.Quick with { Method = "bilinear", Epochs = 2, BatchSize = 32, Threads = 1, FusionOptions = FusionExperimentConfig.Quick.FusionOptions with { MfbOutputDim = o } };

    [Fact]
    public void SelectionReadingTheTestSplit_Fails()
    {
        var inputs = Inputs();

        var e = Assert.Throws<InvalidOperationException>(() =>
            ModelSelection.ChooseOnValidation([16, 32], o => FusionExperiment.Run(inputs, Bilinear(o)).Accuracy));

        Assert.Contains("read the test split", e.Message);
        Assert.False(ModelSelection.IsSelecting); // the scope ends with the failure
        Assert.Equal(inputs.Test.Count, FusionExperiment.Run(inputs, Bilinear(16)).TestLabels.Length); // outside a selection the test split reads
    }

    [Fact]
    public void SelectionOnValidation_ReturnsTheBestScore_FirstOnTies()
    {
        var inputs = Inputs();

        var (best, scores) = ModelSelection.ChooseOnValidation([16, 32], o => FusionExperiment.ValidationAccuracy(inputs, Bilinear(o)));

        Assert.Equal(2, scores.Count);
        Assert.All(scores, s => Assert.InRange(s.Score, 0, 1));
        Assert.Equal(scores.First(s => s.Score == scores.Max(x => x.Score)).Candidate, best);
        // a hand-made tie: the first candidate wins
        Assert.Equal("a", ModelSelection.ChooseOnValidation(["a", "b", "c"], c => c == "c" ? 0.1 : 0.5).Best);
    }
}
