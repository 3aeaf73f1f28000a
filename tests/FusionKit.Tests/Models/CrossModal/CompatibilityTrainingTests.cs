using FusionKit.Models.CrossModal;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Training;

namespace FusionKit.Tests.Models.CrossModal;

[Collection(TorchTrainingCollection.Name)]
public class CompatibilityTrainingTests
{
    public CompatibilityTrainingTests() => TorchRuntime.EnsureReady();

    /// <summary>
    /// Label texts are random 6-d vectors; an image of class c is a fixed random linear map of label c's text plus
    /// noise, so the class structure lives in the label embeddings and the model must learn to match them.
    /// </summary>
    private static (float[][] LabelTexts, FeatureSet Train, FeatureSet Test) Toy()
    {
        const int classes = 5, textDim = 6, imageDim = 8;
        var random = new Random(41);
        var labelTexts = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, textDim).Select(_ => (float)TorchTestSupport.Gaussian(random)).ToArray()).ToArray();
        var map = Enumerable.Range(0, imageDim).Select(_ => Enumerable.Range(0, textDim).Select(_ => TorchTestSupport.Gaussian(random)).ToArray()).ToArray();
        FeatureSet Samples(int n, bool labelled)
        {
            var labels = Enumerable.Range(0, n).Select(i => i % classes).ToArray();
            var image = labels.Select(c => map.Select(row => (float)(row.Zip(labelTexts[c], (m, t) => m * t).Sum() + 0.3 * TorchTestSupport.Gaussian(random))).ToArray()).ToArray();
            return FeatureSet.FromArrays(image, labels: labelled ? labels : null);
        }
        return (labelTexts, Samples(400, labelled: true), Samples(100, labelled: false));
    }

    [Fact]
    public void CompatibilityModel_LearnsFromLabelTexts_AndPredictsWithoutLabels()
    {
        var (labelTexts, train, test) = Toy();
        using (train)
        using (test)
        {
            using var model = TorchTestSupport.Reinitialize(CompatibilityModel.Concat(labelTexts, imageDim: 8, hiddenSizes: [32]), 5);
            var history = new Trainer(new TrainingConfig { Epochs = 8, BatchSize = 16, LearningRate = 0.01 }).Fit(model, train);
            Assert.True(history.Last.TrainAccuracy > 0.9, $"train accuracy {history.Last.TrainAccuracy}");

            Assert.Null(test.Labels); // prediction sees images only
            var predicted = model.Predict(test);
            var truth = Enumerable.Range(0, 100).Select(i => i % 5);
            var accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / 100.0;
            Assert.True(accuracy > 0.9, $"test accuracy {accuracy}");
        }
    }
}
