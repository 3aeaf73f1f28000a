using System.Net;
using FusionKit.Data;
using FusionKit.Evaluation.Generative;
using FusionKit.Experiments.Generation;
using FusionKit.Results;
using FusionKit.Runs;

namespace FusionKit.Tests.Experiments.Generation;

/// <summary>The generation section of the main job: saved into generation/, loaded back with the same table, charted, headlined and reported with its captions declared generated.</summary>
public class GenerationSectionTests
{
    internal static GenerationModelScores Score(string model, string prompts, int seed, double accuracy) =>
        new(model, prompts, seed, new GenerationScores($"{model}, {prompts}", 100, accuracy, Enumerable.Repeat(accuracy, 10).ToArray(), 700,
            new PrecisionRecallScores(0.2, 0.1, 3, 100, 100), 0.3));

    /// <summary>A two-seed summary of the text model (held-out phrasings) and the one-hot baseline.</summary>
    internal static ResultTable Summary() => GenerationExperiment.Summary(
    [
        Score("text (minilm)", GenerationExperiment.HeldOutPhrasings, 0, 0.5),
        Score("text (minilm)", GenerationExperiment.HeldOutPhrasings, 1, 0.7),
        Score(GenerationExperiment.OneHotName, GenerationExperiment.ClassLabels, 0, 0.6),
        Score(GenerationExperiment.OneHotName, GenerationExperiment.ClassLabels, 1, 0.6),
    ]);

    [Fact]
    public void Section_RoundTrips_AndTheReportDeclaresTheCaptionsGenerated()
    {
        using var temp = new TempFolder();
        var dir = RunFolder.Create("case-study", "smoke", temp.Path).Path;
        RunConfigFile.Ensure(dir, new RunProfile("smoke", 10, 5, 0.1, [0, 1]), [0, 1]);
        var summary = Summary();
        var calls = 0;
        ResultTable Compute(string folder)
        {
            calls++;
            return summary;
        }

        var ran = SectionStore.GetOrRun(dir, RunSection.Generation, "smoke", [0, 1], "v1", Compute);
        var resumed = SectionStore.GetOrRun(dir, RunSection.Generation, "smoke", [0, 1], "v1", Compute);

        Assert.Equal(1, calls);
        Assert.True(File.Exists(Path.Combine(dir, "generation", SectionStore.FileName)));
        Assert.Equal(ran.Fingerprint, resumed.Fingerprint);
        Assert.Equal(SectionTables.Text(SectionTables.Headline(ran)), SectionTables.Text(SectionTables.Headline(resumed)));
        var headline = SectionTables.Headline(resumed);
        Assert.Equal(["model", "prompts", "captions"], headline.Columns.Take(3).Select(c => c.Name));
        Assert.Equal("generated from class label", headline.Columns["captions"][0]);
        // five measures, one chart each, titled with the section (which says the captions are generated)
        Assert.Equal(5, SectionCharts.Of(resumed).Count);
        Assert.All(SectionCharts.Of(resumed), c => Assert.Contains("captions generated from class labels", c.GetInlineHtml()));

        var html = File.ReadAllText(RunReport.Write(dir, renderPng: false).ReportPath);
        Assert.Contains("<h1 id=\"generation\">", html);
        Assert.Contains("<table class=\"section\" id=\"generation-table\">", html);
        Assert.Contains("caption is GENERATED from its class label", html);
        Assert.Contains("<td class=\"t\">" + WebUtility.HtmlEncode("0.600 ± 0.141") + "</td>", html); // text held-out: mean(0.5, 0.7), sample std 0.1414
    }

    [Fact]
    public void Presets_AreTheProfilesGans_SmokeWithoutEncoderAndUnconditionalBaseline_DefaultWithEveryBaseline()
    {
        // One preset per profile (GenerationOptions.ForProfile) for gan train, generate, gan evaluate and the section; the
        // section's smoke run only drops what it does not score (the image encoder, the unconditional baseline).
        var smoke = GenerationSection.Options(RunProfile.Smoke);
        Assert.True(smoke.Baselines);
        Assert.False(smoke.Unconditional);
        Assert.Equal(10, smoke.JudgePerClass);
        Assert.Equal(GenerationOptions.ForProfile(RunProfile.Smoke) with { EncoderEpochs = 0 }, smoke.Generation);
        // 768 steps: the 64 steps of 8 epochs of batch 64 left the judge at chance (README, generation section)
        Assert.Equal(768, smoke.Generation!.Epochs * ((smoke.Generation.TrainPerClass!.Value * 10 + smoke.Generation.BatchSize - 1) / smoke.Generation.BatchSize));
        var full = GenerationSection.Options(RunProfile.Default);
        Assert.True(full.Baselines && full.Unconditional);
        Assert.Equal(GenerationOptions.ForProfile(RunProfile.Default), full.Generation);
        Assert.Equal(1000, full.Generation!.TrainPerClass);
    }

    [Fact]
    public void MainJob_NamesTheSection()
    {
        Assert.Equal(RunSection.Generation, RunSections.Parse("generation").Single());
        Assert.Equal("generation", RunSections.Name(RunSection.Generation));
        Assert.Equal(RunSection.Generation, RunSections.All[^1]);
    }
}
