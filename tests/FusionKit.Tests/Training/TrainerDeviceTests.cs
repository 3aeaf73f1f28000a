using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Tests.Training;

/// <summary>The trainer places the model and every batch, training and validation, through <see cref="TrainingConfig.Device"/>.</summary>
[Collection(TorchTrainingCollection.Name)]
public class TrainerDeviceTests
{
    public TrainerDeviceTests() => TorchRuntime.EnsureReady();

    /// <summary>Cross-entropy that writes down where each batch it scores lives.</summary>
    private sealed class RecordingLoss : IBatchLoss<IFeatureClassifier>
    {
        public List<(DeviceType Image, DeviceType? Text, DeviceType? Labels)> Batches { get; } = [];

        public string Describe(IFeatureClassifier model) => CrossEntropyBatchLoss.Instance.Describe(model);

        public void CheckData(IFeatureClassifier model, FeatureSet data, string name) => CrossEntropyBatchLoss.Instance.CheckData(model, data, name);

        public BatchOutcome Compute(IFeatureClassifier model, FeatureBatch batch)
        {
            Batches.Add((batch.Image.device_type, batch.Text?.device_type, batch.Labels?.device_type));
            return CrossEntropyBatchLoss.Instance.Compute(model, batch);
        }

        public void AfterStep(IFeatureClassifier model) => CrossEntropyBatchLoss.Instance.AfterStep(model);

        public string? EpochNote(IFeatureClassifier model) => null;
    }

    [Theory]
    [InlineData(ComputeDevice.Cpu)]
    [InlineData(ComputeDevice.Auto)]
    public void Fit_PutsTheModelAndEveryBatchOnTheResolvedDevice(ComputeDevice requested)
    {
        var expected = ComputeDevices.Torch(requested).type; // cpu here; cuda for auto on a machine with a GPU
        using var train = TorchTestSupport.Clusters(40, 3, 4, 3, seed: 1);
        using var validation = TorchTestSupport.Clusters(20, 3, 4, 3, seed: 2);
        using var model = TorchTestSupport.Reinitialize(FusionClassifier.Concat(4, 3, 3, [8]), 1);
        var loss = new RecordingLoss();

        new Trainer(new TrainingConfig { Epochs = 2, BatchSize = 16, Device = requested }).Fit<FusionClassifier>(model, loss, train, validation);

        Assert.All(model.parameters(), p => Assert.Equal(expected, p.device_type));
        Assert.Equal(2 * (3 + 1), loss.Batches.Count); // 2 epochs x (3 training batches + 1 validation batch)
        Assert.All(loss.Batches, b => Assert.Equal((expected, expected, expected), (b.Image, b.Text, b.Labels)));
    }

    [Fact]
    public void Fit_CudaWithoutAGpu_IsRefusedBeforeAnyStep()
    {
        if (ComputeDevices.CudaDeviceCount() > 0) return; // there it trains on the GPU (the theory above, auto)
        using var train = TorchTestSupport.Clusters(40, 3, 4, 3, seed: 1);
        using var model = TorchTestSupport.Reinitialize(FusionClassifier.Concat(4, 3, 3, [8]), 1);
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var loss = new RecordingLoss();

        var error = Assert.Throws<ComputeDeviceUnavailableException>(() => new Trainer(new TrainingConfig { Device = ComputeDevice.Cuda }).Fit<FusionClassifier>(model, loss, train));

        Assert.Contains("-p:TorchDevice=cuda", error.Message);
        Assert.Empty(loss.Batches);
        Assert.All(model.parameters().Zip(before), p => Assert.True(p.First.equal(p.Second).all().item<bool>()));
    }

    [Fact]
    public void Config_UnknownDevice_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new Trainer(new TrainingConfig { Device = (ComputeDevice)7 }));
        Assert.Contains("Device 7", error.Message);
    }
}
