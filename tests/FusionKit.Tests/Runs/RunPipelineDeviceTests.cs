using FusionKit.Data;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Interactive;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Tests.Experiments.FusionComparison;
using FusionKit.Tests.Experiments.Interaction;
using FusionKit.Tests.Experiments.Retrieval;
using FusionKit.Tests.Training;
using FusionKit.Text;
using FusionKit.Vision;

namespace FusionKit.Tests.Runs;

/// <summary>
/// Every training path takes its device from the one setting: asked for CUDA on a machine without a GPU, each
/// refuses with <see cref="ComputeDeviceUnavailableException"/> (which it could not do if the setting were dropped
/// on the way to the trainer); the device is not part of the settings a saved section must match.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class RunPipelineDeviceTests(PooledInteractionData pooled) : IClassFixture<PooledInteractionData>
{
    private static readonly RunProfile Synthetic = new("synthetic", 8, 3, 0.1, [0]);

    private static bool HasGpu => ComputeDevices.CudaDeviceCount() > 0;

    private static RunPipeline Pipeline(string folder, ComputeDevice device, TextWriter? log = null) => new(Synthetic, folder)
    {
        Data = RetrievalSyntheticData.Create(trainPerClass: 8, testPerClass: 3),
        EmbedTexts = RetrievalSyntheticData.Embed,
        CaseStudyConfig = new CaseStudyConfig { Epochs = 1, BatchSize = 16, HiddenSizes = [8], TextEncoders = ["minilm"] },
        RetrievalOptions = new RetrievalExperimentOptions { ClassifierEpochs = 1, ClassifierHiddenSizes = [8], JointEpochs = 1, JointDim = 4, BootstrapResamples = 5 },
        ZeroShotOptions = new ZeroShotExperimentOptions
        {
            Splits = [ZeroShotExperiment.FixedSplit], LabelEncoders = ["minilm"], LabelTexts = [ZeroShotExperiment.Names], DeviseEpochs = 1, CompatibilityEpochs = 1,
        },
        LogEpochs = false,
        Log = log,
        Device = device,
    };

    [Theory]
    [InlineData(RunSection.CaseStudy)]
    [InlineData(RunSection.Retrieval)]   // classifiers and the joint text-image space
    [InlineData(RunSection.ZeroShot)]    // DeViSE and the compatibility model
    public void Section_AskedForCudaWithoutAGpu_Refuses(RunSection section)
    {
        if (HasGpu) return;
        var error = Assert.Throws<ComputeDeviceUnavailableException>(() => Pipeline(TorchTestSupport.TempFolder(), ComputeDevice.Cuda).Section(section));
        Assert.Contains("no CUDA device", error.Message);
    }

    [Fact]
    public void Section_OnTheCpu_Runs_AndItsSettingsDoNotNameTheDevice()
    {
        var folder = TorchTestSupport.TempFolder();
        var result = Pipeline(folder, ComputeDevice.Cpu).Section(RunSection.Retrieval);
        Assert.True(result.Table.Rows.Count > 0);
        foreach (var section in new[] { RunSection.CaseStudy, RunSection.Retrieval, RunSection.ZeroShot, RunSection.Interaction, RunSection.Generation })
            Assert.Equal(Pipeline(folder, ComputeDevice.Auto).SettingsOf(section), Pipeline(folder, ComputeDevice.Cpu).SettingsOf(section));
        // A run started on one device resumes on another: the saved section is loaded, not refused or rerun.
        var log = new StringWriter();
        var resumed = Pipeline(folder, ComputeDevice.Auto, log).Section(RunSection.Retrieval);
        Assert.Contains("retrieval: complete in", log.ToString());
        Assert.Equal(result.Fingerprint, resumed.Fingerprint);
    }

    [Fact]
    public void Fusion_AskedForCudaWithoutAGpu_Refuses()
    {
        if (HasGpu) return;
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(), SideTextReliability.High, FusionTestData.TempFolder());
        Assert.Throws<ComputeDeviceUnavailableException>(() =>
            FusionExperiment.Run(inputs, FusionExperimentConfig.Quick with { Method = "gated", Epochs = 1, Device = ComputeDevice.Cuda }));
    }

    [Fact]
    public void Fusion_OnTheCpu_InterpretsOnTheModelsDevice()
    {
        var inputs = FusionTestData.Inputs(FusionTestData.Embedded(), SideTextReliability.High, FusionTestData.TempFolder());
        var run = FusionExperiment.Run(inputs, FusionExperimentConfig.Quick with { Method = "gated", Epochs = 1, Device = ComputeDevice.Cpu });
        Assert.NotNull(run.ModalityWeights); // the interpretation batches reached the model (on its device)
    }

    [Fact]
    public void Search_AskedForCudaWithoutAGpu_Refuses()
    {
        if (HasGpu) return;
        using var folder = new TempFolder();
        Assert.Throws<ComputeDeviceUnavailableException>(() => TextImageSearch.Open(RetrievalSyntheticData.Create(), RetrievalSyntheticData.Embed,
            new RetrievalSyntheticData.FakeEncoder(), new SearchOptions { Epochs = 1, JointDim = 4, Device = ComputeDevice.Cuda }, folder.Path));
    }

    [Fact]
    public void Interaction_AskedForCudaWithoutAGpu_Refuses()
    {
        if (HasGpu) return;
        var config = PooledInteractionData.Config with { Device = ComputeDevice.Cuda, MaxEpochs = 1 };
        Assert.Throws<ComputeDeviceUnavailableException>(() =>
            InteractionExperiment.Fit(pooled.Data, config, "concat", "minilm", 0, null, null, CancellationToken.None, out _, out _));
    }

    [Fact]
    public void TorchImageEncoder_AndNotebookSession_TakeTheSameSetting()
    {
        Assert.Equal(ComputeDevice.Cpu, NotebookSession.Start(device: ComputeDevice.Cpu).Device);
        if (HasGpu) return;
        Assert.Equal(ComputeDevice.Cpu, NotebookSession.Start().Device);
        Assert.Throws<ComputeDeviceUnavailableException>(() => NotebookSession.Start(device: ComputeDevice.Cuda));
        Assert.Throws<ComputeDeviceUnavailableException>(() => new ResNet18TorchEncoder(new ImageEncoderOptions { Device = ComputeDevice.Cuda }));
    }
}
