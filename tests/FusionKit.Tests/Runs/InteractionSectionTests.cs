using System.Net;
using FusionKit.Data;
using FusionKit.Results;
using FusionKit.Runs;
using FusionKit.Tests.Experiments.Interaction;

namespace FusionKit.Tests.Runs;

/// <summary>The interaction section of the main job: saved into interaction/, loaded back with the same table, charted and reported as generated;
/// computed in the run's process, its trainings run in the pipeline's jobs.</summary>
[Collection(FusionKit.Tests.Training.TorchTrainingCollection.Name)]
public class InteractionSectionTests
{
    [Fact]
    public void Section_ComputedInTheRunsProcess_TrainsInThePipelinesJobs_AndKeepsEachModel()
    {
        using var temp = new TempFolder();
        var dir = RunFolder.Create("case-study", "smoke", temp.Path).Path;
        var cli = typeof(FusionKit.Cli.Program).Assembly.Location;
        var log = new StringWriter();
        var pipeline = new RunPipeline(RunProfile.Smoke, dir)
        {
            Seeds = [0], Jobs = 2, Log = log,
            InteractionConfig = FusionKit.Experiments.Interaction.InteractionConfig.Default with { Methods = ["concat"], TextEncoders = ["minilm"], MaxEpochs = 1 },
            TrainingWorker = (section, queue, job) => CliWorker.StartTrainings(cli, CliWorker.TrainingCommand(section), queue, job),
        };

        pipeline.Run([RunSection.Interaction]);

        Assert.Contains("4 run(s) in 2 jobs side by side", log.ToString());
        Assert.Matches(@"\[job [12]\]   seed 0 concat · minilm", log.ToString()); // trained by a worker (which one takes it depends on timing)
        var runs = Path.Combine(dir, "interaction", RunPipeline.TrainingRunsFolder);
        Assert.Equal(["seed0-concat-minilm.json", "seed0-image-only.json", "seed0-prior.json", "seed0-question-only-minilm.json"],
                     Directory.EnumerateFiles(runs, "seed*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.NotNull(SectionStore.TryLoad(dir, RunSection.Interaction));
    }

    [Fact]
    public void Section_RoundTrips_AndTheReportDeclaresTheQuestionsGenerated()
    {
        using var temp = new TempFolder();
        var dir = RunFolder.Create("case-study", "smoke", temp.Path).Path;
        RunConfigFile.Ensure(dir, new RunProfile("smoke", 10, 5, 0.1, [0, 1]), [0, 1]);
        var result = InteractionResultTests.Result(); // hand-made runs, two seeds
        var calls = 0;
        FusionKit.Results.ResultTable Compute(string folder)
        {
            calls++;
            result.Save(folder);
            File.WriteAllText(Path.Combine(folder, RunReport.InteractionAttentionFile), "<div>attention-picture-fragment</div>");
            return result.Summary();
        }

        var ran = SectionStore.GetOrRun(dir, RunSection.Interaction, "smoke", [0, 1], "v1", Compute);
        var resumed = SectionStore.GetOrRun(dir, RunSection.Interaction, "smoke", [0, 1], "v1", Compute);

        Assert.Equal(1, calls);
        Assert.True(File.Exists(Path.Combine(dir, "interaction", SectionStore.FileName)));
        Assert.True(File.Exists(Path.Combine(dir, "interaction", "summary.json")));
        var expected = result.Summary();
        Assert.Equal(expected.ToCsv(), resumed.Table.ToCsv());
        Assert.Equal(ran.Fingerprint, resumed.Fingerprint);

        // The loaded section charts and headlines like the fresh result: one chart per question type and overall.
        Assert.Equal(result.Charts().Count, SectionCharts.Of(resumed).Count);
        Assert.All(SectionCharts.Of(resumed), c => Assert.Contains("generated questions", c.GetInlineHtml()));
        var headline = resumed.Headline();
        Assert.Equal(["model", "question encoder", "phrasing", "questions", "overall"], headline.Columns.Take(5).Select(c => c.Name));
        Assert.All(headline.Columns["questions"].Cast<string>(), q => Assert.Equal("generated", q));

        var html = File.ReadAllText(RunReport.Write(dir, renderPng: false).ReportPath);
        Assert.Contains("<h1 id=\"interaction\">", html);
        Assert.Contains("<table class=\"section\" id=\"interaction-table\">", html);
        Assert.Contains("The questions are GENERATED", html);
        Assert.Contains("attention-picture-fragment", html);
        Assert.Contains("<td class=\"t\">" + WebUtility.HtmlEncode("0.850 ± 0.071") + "</td>", html); // gated seen overall: mean(0.80, 0.90), sample std 0.0707
    }
}
