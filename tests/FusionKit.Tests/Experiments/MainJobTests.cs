using FusionKit.Experiments;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments;

[Collection(TorchTrainingCollection.Name)]
public class MainJobTests
{
    private static readonly RetrievalExperimentOptions FastRetrieval = new()
    {
        ClassifierEpochs = 3, ClassifierHiddenSizes = [8], JointTexts = [JointTextKind.Descriptions], JointEpochs = 1, JointDim = 4, JointBatchSize = 32, BootstrapResamples = 20,
    };

    private static readonly ZeroShotExperimentOptions FastZeroShot = new()
    {
        Splits = [ZeroShotExperiment.FixedSplit], LabelEncoders = ["minilm"], LabelTexts = [ZeroShotExperiment.Names],
        DeviseEpochs = 1, CompatibilityEpochs = 1, CompatibilityHiddenSizes = [8], BatchSize = 32,
    };

    private static MainJob Job(string folder, TextWriter log) => new(new RunProfile("synthetic", 8, 3, 0.1, [0]), folder)
    {
        Data = RetrievalSyntheticData.Create(trainPerClass: 8, testPerClass: 3),
        EmbedTexts = RetrievalSyntheticData.Embed,
        RetrievalOptions = FastRetrieval,
        ZeroShotOptions = FastZeroShot,
        Log = log,
    };

    [Fact]
    public void Sections_RunIntoTheirFolders_AndAResumeLoadsThemInsteadOfRunningAgain()
    {
        var folder = TorchTestSupport.TempFolder();
        var firstLog = new StringWriter();
        var retrieval = Job(folder, firstLog).Section(RunSection.Retrieval);
        var zeroShot = Job(folder, firstLog).Section(RunSection.ZeroShot);

        foreach (var file in new[] { "retrieval/retrieval.csv", "retrieval/retrieval.json", "retrieval/section.json", "zero-shot/zero-shot.csv", "zero-shot/section.json", "config.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        Assert.Equal(retrieval.Table.Rows.Count, RetrievalResultRows());
        Assert.Equal(2, zeroShot.Table.Rows.Count); // fixed split x (devise, compatibility)
        Assert.Equal("synthetic", CaseStudyReport.ProfileNameOf(folder));

        var secondLog = new StringWriter();
        var again = Job(folder, secondLog).Section(RunSection.Retrieval);
        Assert.Contains("retrieval: complete in", secondLog.ToString());
        Assert.DoesNotContain("running", secondLog.ToString());
        Assert.Equal(retrieval.Table.Columns["mean"].Cast<object>(), again.Table.Columns["mean"].Cast<object>());
        Assert.Equal(retrieval.Fingerprint, again.Fingerprint);

        // Other settings in the same folder are refused rather than mixed in.
        var changed = new MainJob(new RunProfile("synthetic", 8, 3, 0.1, [0]), folder) { RetrievalOptions = FastRetrieval with { JointDim = 5 } };
        Assert.Throws<InvalidDataException>(() => changed.Section(RunSection.Retrieval));
        Assert.Throws<ArgumentException>(() => Job(folder, TextWriter.Null).Section(RunSection.CaseStudy));
    }

    // 1 accuracy + (P@K, R@K) for K in 1, 5, 10 + mAP, + 1 joint space x 2 directions x 5 metrics.
    private static long RetrievalResultRows() => 8 + 10;

    [Fact]
    public void FusionSettings_NameEveryMethodOfTheGrid_WithoutTheCodeNamingThem()
    {
        var job = new MainJob(RunProfile.Smoke, TorchTestSupport.TempFolder());
        foreach (var method in FusionExperiment.AllNames) Assert.Contains(method, job.FusionSettings());
        Assert.Equal((FusionExperiment.AllNames.Count + 1) * 2, job.FusionGrid.Count); // plus image-only on cross-attention's subset
    }
}
