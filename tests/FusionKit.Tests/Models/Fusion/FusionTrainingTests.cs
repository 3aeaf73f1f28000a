using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;
using Xunit.Abstractions;

namespace FusionKit.Tests.Models.Fusion;

/// <summary>Each fusion method learns the trainer's separable toy problem (Gaussian clusters in both modalities).</summary>
[Collection(TorchTrainingCollection.Name)]
public class FusionTrainingTests
{
    private readonly ITestOutputHelper _output;

    public FusionTrainingTests(ITestOutputHelper output)
    {
        TorchRuntime.EnsureReady();
        _output = output;
    }

    [Theory]
    [MemberData(nameof(FusionTestKit.AllMethods), MemberType = typeof(FusionTestKit))]
    public void Fit_LearnsSeparableToyProblem(string method)
    {
        var imageDim = FusionTestKit.RowImageDim(method);
        using var train = TorchTestSupport.Clusters(240, FusionTestKit.Classes, imageDim, FusionTestKit.TextDim, seed: 11);
        using var validation = TorchTestSupport.Clusters(120, FusionTestKit.Classes, imageDim, FusionTestKit.TextDim, seed: 12);
        using var model = FusionTestKit.Classifier(method, 1, FusionTestKit.Options with { ModalityDropout = 0.2 });
        var config = new TrainingConfig { Epochs = 5, BatchSize = 16, LearningRate = 0.01, Seed = 1 };
        var history = new Trainer(config).Fit(model, train, validation);
        _output.WriteLine($"{method}: {history.Last.Format(config.Epochs)}");
        Assert.True(history.Last.ValidationAccuracy > 0.9, $"{method}: validation accuracy {history.Last.ValidationAccuracy}");
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss, $"{method}: loss did not fall");
    }
}
