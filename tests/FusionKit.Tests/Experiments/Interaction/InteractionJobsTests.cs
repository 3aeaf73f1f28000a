using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Runs;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Experiments.Interaction;

/// <summary>
/// The interaction experiment's trainings side by side: two worker processes of the kit's command line give exactly the
/// numbers of one process training every model in turn, merged in the sequential order; a rerun on the same folder
/// loads the finished models instead of training them; a folder of other settings is refused.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class InteractionJobsTests
{
    // Smoke data, a pooled and a spatial fusion method, two seeds, two epochs: every kind of run (prior, baselines, fusion,
    // cross-attention with its attention examples) in a few seconds each.
    private static readonly InteractionConfig Config = InteractionConfig.Default with
    {
        Methods = ["concat", "cross-attention"], TextEncoders = ["minilm"], MaxEpochs = 2, Threads = 1,
    };

    private static readonly Lazy<InteractionData> Data = new(() => InteractionData.Load(RunProfile.Smoke, Config));

    private static readonly int[] Seeds = [0, 1];

    [Fact]
    public void TwoJobs_GiveTheSequentialRunsNumbers_InTheSequentialOrder()
    {
        using var temp = new TempFolder();
        var cli = typeof(FusionKit.Cli.Program).Assembly.Location;
        var log = new StringWriter();

        var sequential = InteractionExperiment.Run(Data.Value, Config, Seeds);
        var parallel = InteractionExperiment.Run(Data.Value, Config, Seeds, Path.Combine(temp.Path, "runs"), jobs: 2,
                                                 (folder, job) => CliWorker.StartTrainings(cli, CliWorker.InteractionCommand, folder, job), log);

        // Workers trained (their lines are prefixed with the job; which job takes which run depends on timing), and the
        // merged runs are in the sequential order: seeds, then models.
        Assert.Equal(10, log.ToString().Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[job [12]\]   seed [01] ")));
        Assert.Contains("in 2 jobs", log.ToString());
        var order = Seeds.SelectMany(s => InteractionExperiment.Models(Config).Select(m => (s, m.Model, m.Encoder))).ToArray();
        Assert.Equal(order, parallel.Runs.Select(r => (r.Seed, r.Model, r.Encoder)));
        Assert.Equal(order, sequential.Runs.Select(r => (r.Seed, r.Model, r.Encoder)));
        // Every cell of every run, bit for bit (training seconds aside: a clock, not a result).
        for (var i = 0; i < order.Length; i++)
        {
            var (s, p) = (sequential.Runs[i], parallel.Runs[i]);
            Assert.Equal(s with { TrainSeconds = 0, Attention = null }, p with { TrainSeconds = 0, Attention = null, Seen = s.Seen, HeldOut = s.HeldOut });
            Assert.Equal(s.Seen.OrderBy(kv => kv.Key), p.Seen.OrderBy(kv => kv.Key));
            Assert.Equal(s.HeldOut.OrderBy(kv => kv.Key), p.HeldOut.OrderBy(kv => kv.Key));
            Assert.Equal(s.Attention is null, p.Attention is null);
            if (s.Attention is null) continue;
            Assert.Equal(s.Attention.Select(a => (a.Question, a.Predicted)), p.Attention!.Select(a => (a.Question, a.Predicted)));
            Assert.Equal(s.Attention.SelectMany(a => a.Map), p.Attention!.SelectMany(a => a.Map));
        }
        Assert.NotNull(parallel.AttentionRun()); // cross-attention's examples came back from a worker
        Assert.Equal(sequential.Summary().ToCsv(), parallel.Summary().ToCsv());
        Assert.Equal(sequential.PhrasingDrop().Rows.Count, parallel.PhrasingDrop().Rows.Count);
        Assert.Equal(sequential.BestFusion(), parallel.BestFusion());
    }

    [Fact]
    public void ARerunOnTheSameFolder_LoadsTheFinishedModels_AndOtherSettingsAreRefused()
    {
        using var temp = new TempFolder();
        var pooled = Config with { Methods = ["concat"], MaxEpochs = 1 };
        var folder = Path.Combine(temp.Path, "runs");
        var first = InteractionExperiment.Run(Data.Value, pooled, [0], folder, jobs: 1, worker: null);
        var log = new StringWriter();

        var again = InteractionExperiment.Run(Data.Value, pooled, [0], folder, jobs: 2, worker: (_, _) => throw new InvalidOperationException("nothing is left to train"), log);

        Assert.Equal(first.Summary().ToCsv(), again.Summary().ToCsv());
        Assert.Equal(first.Runs.Select(r => r.TrainSeconds), again.Runs.Select(r => r.TrainSeconds)); // loaded, not retrained
        // The folder's runs read back as the experiment returned them (the main job's timing table takes its model rows from here).
        Assert.Equal(first.Runs.Select(r => (r.Label, r.Seed, r.TrainSeconds)), InteractionExperiment.SavedRuns(folder).Select(r => (r.Label, r.Seed, r.TrainSeconds)));
        Assert.Contains("seed 0 concat · minilm", log.ToString());
        Assert.Contains("finished earlier, loaded from", log.ToString());
        var error = Assert.Throws<InvalidDataException>(() => InteractionExperiment.Run(Data.Value, pooled with { MaxEpochs = 2 }, [0], folder, jobs: 1, worker: null));
        Assert.Contains("other settings", error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void RunsSavedBeforeModelsHadTheirOwnSettings_AreReadAsTheSharedSetting_NotTakenForToday()
    {
        using var temp = new TempFolder();
        var pooled = (Config with { Methods = ["concat"], MaxEpochs = 1 }).WithSpeedSetting("concat", new FusionKit.Evaluation.Tuning.SpeedSetting(256, 1));
        var folder = Path.Combine(temp.Path, "runs");
        InteractionExperiment.Run(Data.Value, pooled, [0], folder, jobs: 1, worker: null);
        var workFile = Path.Combine(folder, InteractionExperiment.WorkFile);
        var work = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(workFile))!;
        Assert.NotNull(work["config"]!["modelSettings"]);

        // The work file as an earlier release wrote it: no per-model settings, every model trained with the shared one.
        work["config"]!.AsObject().Remove("modelSettings");
        File.WriteAllText(workFile, work.ToJsonString());
        Assert.Empty(InteractionExperiment.ReadWork(folder).Config.ModelSettings);
        var error = Assert.Throws<InvalidDataException>(() => InteractionExperiment.Run(Data.Value, pooled, [0], folder, jobs: 1, worker: null));
        Assert.Contains("other settings", error.Message);
        // Resumed with the shared setting for every model, as those runs were trained, they are loaded.
        var shared = pooled with { ModelSettings = new Dictionary<string, FusionKit.Evaluation.Tuning.SpeedSetting>() };
        Assert.Equal(shared.Methods, InteractionExperiment.Run(Data.Value, shared, [0], folder, jobs: 1, worker: (_, _) => throw new InvalidOperationException("nothing is left to train")).Config.Methods);
    }

    [Fact]
    public void MainJobsInteractionSection_WritesATimingRowPerTrainedModel_ThePriorExcluded()
    {
        using var temp = new TempFolder();
        var pipeline = new RunPipeline(RunProfile.Smoke, temp.Path)
        {
            Seeds = [0], Threads = 1, ImagePrecision = Config.ImagePrecision, InteractionConfig = Config with { Methods = ["concat"], MaxEpochs = 1 },
        };
        pipeline.Run([RunSection.Interaction]);

        var rows = File.ReadAllLines(Path.Combine(temp.Path, RunTiming.FileName)).Skip(1).Select(CsvField.Split).Where(r => r[0] == "model").ToList();
        Assert.Equal(["interaction|image-only|0|trained", "interaction|question-only · minilm|0|trained", "interaction|concat · minilm|0|trained"],
                     rows.Select(r => string.Join('|', r[1], r[2], r[3], r[4])));
        var saved = InteractionExperiment.SavedRuns(Path.Combine(temp.Path, "interaction", RunPipeline.TrainingRunsFolder)).Single(r => r.Model == "concat");
        Assert.Equal(saved.TrainSeconds, double.Parse(rows[2][5], System.Globalization.CultureInfo.InvariantCulture), 3);
    }
}
