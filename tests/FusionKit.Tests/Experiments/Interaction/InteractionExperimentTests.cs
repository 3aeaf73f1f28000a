using FusionKit.Cli;
using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Experiments.Interaction;

/// <summary>The smoke profile's interaction data with pooled images only (concatenation, MiniLM questions), loaded once from the cache.</summary>
public sealed class PooledInteractionData
{
    public static InteractionConfig Config { get; } = InteractionConfig.Default with { Methods = ["concat"], TextEncoders = ["minilm"] };

    public InteractionData Data { get; } = InteractionData.Load(RunProfile.Smoke, Config);
}

/// <summary>The experiment's run loop: the training image table built once, seeds required, the command's default seeds and timing lines.</summary>
[Collection(TorchTrainingCollection.Name)]
public class InteractionExperimentTests(PooledInteractionData pooled) : IClassFixture<PooledInteractionData>
{
    [Fact]
    public void TrainingImageTable_IsTrainingRowsThenValidationRows_BuiltOnce()
    {
        var data = pooled.Data;
        var table = data.TrainingImageTable(spatial: false);
        Assert.Equal(data.Train.Pooled.Rows + data.Validation.Pooled.Rows, table.Rows);
        Assert.Equal(data.Train.Pooled.Dimension, table.Dimension);
        Assert.Equal(data.Train.Pooled.Row(0).ToArray(), table.Row(0).ToArray());
        Assert.Equal(data.Validation.Pooled.Row(0).ToArray(), table.Row(data.Train.Pooled.Rows).ToArray()); // validation rows are offset past the training images
        Assert.Equal(data.Validation.Pooled.Row(data.Validation.Pooled.Rows - 1).ToArray(), table.Row(table.Rows - 1).ToArray());
        Assert.Same(table, data.TrainingImageTable(spatial: false)); // shared by every model, not rebuilt
    }

    [Fact]
    public void TrainingImageTable_SpatialWithoutTokens_SaysWhatToLoad()
    {
        var error = Assert.Throws<ArgumentException>(() => pooled.Data.TrainingImageTable(spatial: true));
        Assert.Contains("spatial tokens", error.Message);
    }

    [Fact]
    public void Run_NoSeeds_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => InteractionExperiment.Run(pooled.Data, PooledInteractionData.Config, []));
        Assert.Contains("at least one seed", error.Message);
    }

    [Fact]
    public void InteractionCommand_WithoutSeeds_RunsTheProfileSeeds_AndPrintsCpuTimes()
    {
        // Without --seeds the command used to run no seed at all and stop with "No model of that kind was run".
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["interaction", "--profile", "smoke", "--methods", "concat", "--encoders", "minilm", "--threads", "1", "--out", folder.Path], output, error);
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("seed 0 concat · minilm", text);
        Assert.Matches(@"seed 0 concat · minilm .*\(\d+\.\d s, \d+\.\d s CPU, \d+ epochs\)", text);
        Assert.Contains("all models:", text);
        Assert.Contains("Interaction (generated questions): smoke profile, seeds 0;", text);

        // --resume on that folder trains nothing again: every model is loaded from its runs/ file, the table is the same.
        var run = text.Split('\n').Single(l => l.StartsWith("results: ", StringComparison.Ordinal))["results: ".Length..].Trim();
        var resumed = new StringWriter();
        code = Program.Run(["interaction", "--methods", "concat", "--encoders", "minilm", "--jobs", "2", "--resume", run], resumed, error);
        Assert.True(code == 0, error.ToString());
        Assert.Equal(4, resumed.ToString().Split('\n').Count(l => l.Contains("finished earlier, loaded from")));
        Assert.DoesNotContain("[job", resumed.ToString());
        string Table(string output) => output[output.IndexOf("Test accuracy", StringComparison.Ordinal)..output.IndexOf("Best fusion", StringComparison.Ordinal)];
        Assert.Equal(Table(text), Table(resumed.ToString()));

        // A folder of another command is refused, naming the option.
        var other = FusionKit.Runs.RunFolder.Create("case-study", "smoke", folder.Path).Path;
        var refused = new StringWriter();
        Assert.Equal(2, Program.Run(["interaction", "--resume", other], new StringWriter(), refused));
        Assert.Contains("--resume:", refused.ToString());
        Assert.Contains("is a case-study run, not an interaction run", refused.ToString());
    }
}
