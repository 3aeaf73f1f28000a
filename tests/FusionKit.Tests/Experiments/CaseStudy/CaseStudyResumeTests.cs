using FusionKit.Embeddings;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using FusionKit.Tests.Embeddings;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.CaseStudy;

[Collection(TorchTrainingCollection.Name)]
public class CaseStudyResumeTests
{
    public CaseStudyResumeTests() => TorchRuntime.EnsureReady();

    private static readonly CaseStudyConfig Fast = SyntheticEmbeddedData.Config(epochs: 2) with { TextEncoders = ["wordvec"] };

    private static (CaseStudyResult Result, string Log) Run(EmbeddedData data, string folder, CaseStudyConfig? config = null, CancellationToken cancel = default)
    {
        var log = new StringWriter();
        var result = new CaseStudyExperiment(config ?? Fast) { Log = log, LogEpochs = false }.Run(data, seeds: [0, 1], folder: folder, cancellationToken: cancel);
        return (result, log.ToString());
    }

    private static int Count(string text, string word) => text.Split('\n').Count(line => line.Contains(word, StringComparison.Ordinal));

    [Fact]
    public void Rerun_OnTheSameFolder_LoadsFinishedModels_AndRetrainsOnlyMissingOnes()
    {
        var data = SyntheticEmbeddedData.Create(trainPerClass: 20, testPerClass: 10);
        var folder = TorchTestSupport.TempFolder();
        var (first, firstLog) = Run(data, folder);
        // 3 models (image-only, compatibility, paper) x 2 seeds, each saved as it finished.
        Assert.Equal(6, Count(firstLog, "training ("));
        Assert.Equal(6, Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Length);
        Assert.True(File.Exists(Path.Combine(folder, "study.json")));

        var (second, secondLog) = Run(data, folder);
        Assert.Equal(0, Count(secondLog, "training ("));
        Assert.Equal(6, Count(secondLog, "finished earlier"));
        Assert.Equal(first.Runs.Select(r => (r.Variant.Name, r.Seed, r.Accuracy, r.MacroF1, r.TrainSeconds)),
                     second.Runs.Select(r => (r.Variant.Name, r.Seed, r.Accuracy, r.MacroF1, r.TrainSeconds)));

        File.Delete(Path.Combine(folder, "runs", "paper-wordvec-seed1.json"));
        var (third, thirdLog) = Run(data, folder);
        Assert.Equal(1, Count(thirdLog, "training ("));
        Assert.Contains("paper (wordvec) [leaked] seed 1: training", thirdLog);
        // Retraining with the same seed reproduces the deleted result.
        Assert.Equal(first.RunsOf("paper (wordvec), wrong label text").Select(r => r.Accuracy), third.RunsOf("paper (wordvec), wrong label text").Select(r => r.Accuracy));
    }

    [Fact]
    public void Rerun_WithOtherSettings_IsRefused_NamingTheFile()
    {
        var data = SyntheticEmbeddedData.Create(trainPerClass: 10, testPerClass: 5);
        var folder = TorchTestSupport.TempFolder();
        Run(data, folder, Fast with { IncludeCompatibility = false, Epochs = 1 });
        var error = Assert.Throws<InvalidDataException>(() => Run(data, folder, Fast with { IncludeCompatibility = false, Epochs = 2 }));
        Assert.Contains("image-only-seed0.json", error.Message);
    }

    [Fact]
    public void Cancelling_KeepsTheFinishedModels_AndAResumeCompletesTheRun()
    {
        var data = SyntheticEmbeddedData.Create(trainPerClass: 20, testPerClass: 10);
        var folder = TorchTestSupport.TempFolder();
        using var cancel = new CancellationTokenSource();
        var log = new CancellingWriter("trained in", cancel); // cancel as soon as the first model is saved
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new CaseStudyExperiment(Fast) { Log = log, LogEpochs = false }.Run(data, seeds: [0, 1], folder: folder, cancellationToken: cancel.Token));
        Assert.Equal(["image-only-seed0.json"], Directory.GetFiles(Path.Combine(folder, "runs")).Select(Path.GetFileName));

        var (resumed, resumedLog) = Run(data, folder);
        Assert.Equal(1, Count(resumedLog, "finished earlier"));
        Assert.Equal(5, Count(resumedLog, "training ("));
        Assert.Equal(2 * 6, resumed.Runs.Count); // (image-only + compatibility + paper x 4) x 2 seeds
    }

    private sealed class CancellingWriter(string trigger, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true) cancel.Cancel();
        }
    }
}
