using FusionKit.Cli;
using FusionKit.Cli.Commands;
using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Retrieval;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Cli;

/// <summary>`fusionkit bench settings` (issue 13, item 3) on the smoke profile's cached embeddings: its table, its files, a resume.</summary>
[Collection(TorchTrainingCollection.Name)]
public class BenchSettingsCommandTests
{
    private static readonly string[] Classifier =
        ["bench", "settings", "--profile", "smoke", "--models", "classifier", "--epochs", "1", "--seeds", "0"];

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--batch-sizes", "0")]
    [InlineData("--batch-sizes", "64,64")]
    [InlineData("--epochs", "three")]
    [InlineData("--models", "devise,gan")]
    [InlineData("--tolerance", "2")]
    [InlineData("--reference", "64by10")]
    [InlineData("--reference", "0x10")]
    public void BadValue_IsAUsageError_NamingTheOption(string option, string value)
    {
        var (code, _, error) = Run("bench", "settings", option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, error);
    }

    [Fact]
    public void Classifier_PrintsItsTableAndChoice_WritesTheFiles_AndResumesWithoutRetraining()
    {
        using var results = new TempFolder();
        var (code, output, error) = Run([.. Classifier, "--out", results.Path]);
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");

        // The setting in use (marked *) and the classifier grid's batch sizes at the epochs asked for, each trained once.
        var inUse = new RetrievalExperimentOptions().SpeedSettingOf(RetrievalExperiment.Classifier);
        Assert.Contains($"classifier, {inUse}, seed 0: validation accuracy", output);
        foreach (var batch in RetrievalSpeedSettings.Candidates(RetrievalExperiment.Classifier).Select(s => s.BatchSize).Distinct())
            Assert.Contains($"classifier, batch {batch} x 1 epochs, seed 0: validation accuracy", output);
        Assert.Contains($"{inUse} *", output);
        Assert.Contains("<- chosen", output);
        var run = Directory.GetDirectories(results.Path).Single();
        var table = File.ReadAllLines(Path.Combine(run, BenchSettingsCommand.TableFile)).Select(CsvField.Split).ToList();
        Assert.Equal(["model", "batch", "epochs", "reference", "score", "score_mean", "score_std", "difference_mean", "difference_std",
                      "seconds_mean", "seconds_std", "speed_up", "equal", "chosen", "n"], table[0]);
        Assert.Equal(1 + 1 + 3, table.Count);   // header, the setting in use, batch 32, 128 and 512 x 1 epoch
        Assert.Equal(["classifier", $"{inUse.BatchSize}", $"{inUse.Epochs}", "true"], table[1].Take(4));
        Assert.Equal("", table[1][6]);   // the std of one seed is missing, not NaN
        Assert.Single(table.Skip(1), row => row[13] == "true");

        // Resumed: both trials are in trials.json, so nothing trains again and the table is the same.
        var again = Run([.. Classifier, "--resume", run]);
        Assert.True(again.Code == 0, $"exit {again.Code}\n{again.Output}\n{again.Error}");
        Assert.DoesNotContain("seed 0: validation accuracy", again.Output);
        Assert.Equal(table, File.ReadAllLines(Path.Combine(run, BenchSettingsCommand.TableFile)).Select(CsvField.Split).ToList());

        // Another reference: the table compares with it (batch 128 x 1 epoch, measured above, so nothing trains).
        var versus = Run([.. Classifier, "--resume", run, "--reference", "128x1"]);
        Assert.True(versus.Code == 0, $"exit {versus.Code}\n{versus.Output}\n{versus.Error}");
        Assert.Contains("batch 128 x 1 epochs *", versus.Output);
        Assert.Contains("compared with batch 128 x 1 epochs", versus.Output);
        var twoModels = Run("bench", "settings", "--profile", "smoke", "--models", "classifier,joint", "--reference", "64x10");
        Assert.Equal(2, twoModels.Code);
        Assert.Contains("--reference: give one model", twoModels.Error);

        // A resume on another profile is refused, naming the option.
        var other = Run("bench", "settings", "--profile", "default", "--resume", run);
        Assert.Equal(2, other.Code);
        Assert.Contains("--resume", other.Error);
    }

    [Fact]
    public void AnInteractionModel_IsMeasuredOnTheGeneratedValidationQuestions_AndTabled()
    {
        using var results = new TempFolder();
        var (code, output, error) = Run("bench", "settings", "--profile", "smoke", "--models", "interaction-image-only", "--batch-sizes", "512",
                                        "--epochs", "1", "--seeds", "0", "--threads", "1", "--out", results.Path);
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var inUse = InteractionConfig.Default.SpeedSettingOf(InteractionExperiment.ImageOnly);
        Assert.Contains($"interaction-image-only, {inUse}, seed 0: validation accuracy", output);
        Assert.Contains("interaction-image-only, batch 512 x 1 epochs, seed 0: validation accuracy", output);
        Assert.Contains("questions (generated)", output);   // the interaction data was loaded, not the zero-shot and retrieval texts
        var table = File.ReadAllLines(Path.Combine(Directory.GetDirectories(results.Path).Single(), BenchSettingsCommand.TableFile)).Select(CsvField.Split).ToList();
        Assert.Equal(3, table.Count);   // header, the setting in use, batch 512 x 1 epoch
        Assert.All(table.Skip(1), row => Assert.Equal("interaction-image-only", row[0]));
    }
}
