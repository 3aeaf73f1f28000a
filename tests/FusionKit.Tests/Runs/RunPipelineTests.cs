using FusionKit.Data;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Runs;
using FusionKit.Tests.Experiments.Generation;
using FusionKit.Tests.Experiments.Interaction;
using FusionKit.Tests.Experiments.Retrieval;
using FusionKit.Tests.Training;
using FusionKit.Text;

namespace FusionKit.Tests.Runs;

[Collection(TorchTrainingCollection.Name)]
public class RunPipelineTests
{
    private static readonly RetrievalExperimentOptions FastRetrieval = new()
    {
        ClassifierEpochs = 3, ClassifierHiddenSizes = [8], JointTexts = [JointTextKind.Descriptions], JointEpochs = 1, JointDim = 4, JointBatchSize = 32, BootstrapResamples = 20,
    };

    private static readonly ZeroShotExperimentOptions FastZeroShot = new()
    {
        Splits = [ZeroShotExperiment.FixedSplit], LabelEncoders = ["minilm"], LabelTexts = [ZeroShotExperiment.Names],
        DeviseEpochs = 1, CompatibilityEpochs = 1, CompatibilityHiddenSizes = [8], DeviseBatchSize = 32, CompatibilityBatchSize = 32,
    };

    private static readonly RunProfile Synthetic = new("synthetic", 8, 3, 0.1, [0]);

    /// <summary>A pipeline on synthetic data (10 classes, MiniLM-named label texts from a fake embedder) with quick settings.</summary>
    private static RunPipeline Pipeline(string folder, TextWriter log, bool withData = true) => new(Synthetic, folder)
    {
        Data = withData ? RetrievalSyntheticData.Create(trainPerClass: 8, testPerClass: 3) : null,
        EmbedTexts = withData ? RetrievalSyntheticData.Embed : null,
        CaseStudyConfig = new CaseStudyConfig { Epochs = 1, BatchSize = 16, HiddenSizes = [8], TextEncoders = ["minilm"] },
        RetrievalOptions = FastRetrieval,
        ZeroShotOptions = FastZeroShot,
        LogEpochs = false,
        Log = log,
    };

    [Fact]
    public void Sections_RunIntoTheirFolders_AndAResumeLoadsThemInsteadOfRunningAgain()
    {
        var folder = TorchTestSupport.TempFolder();
        var firstLog = new StringWriter();
        var retrieval = Pipeline(folder, firstLog).Section(RunSection.Retrieval);
        var zeroShot = Pipeline(folder, firstLog).Section(RunSection.ZeroShot);

        foreach (var file in new[] { "retrieval/retrieval.csv", "retrieval/retrieval.json", "retrieval/section.json", "zero-shot/zero-shot.csv", "zero-shot/section.json", "config.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        Assert.Equal(retrieval.Table.Rows.Count, RetrievalResultRows());
        Assert.Equal(2 * ZeroShotResult.MetricNames.Count, zeroShot.Table.Rows.Count); // fixed split x (devise, compatibility), one row per metric
        var config = RunConfigFile.TryRead(folder)!;
        Assert.Equal(("synthetic", Path.GetFileName(folder)), (config.ProfileName, config.RunId));
        Assert.Equal([0], config.Seeds);

        var secondLog = new StringWriter();
        var again = Pipeline(folder, secondLog).Section(RunSection.Retrieval);
        Assert.Contains("retrieval: complete in", secondLog.ToString());
        Assert.DoesNotContain("running", secondLog.ToString());
        Assert.Equal(retrieval.Table.ToCsv(), again.Table.ToCsv());
        Assert.Equal(retrieval.Fingerprint, again.Fingerprint);

        // Other settings in the same folder are refused rather than mixed in.
        var changed = new RunPipeline(Synthetic, folder) { RetrievalOptions = FastRetrieval with { JointDim = 5 } };
        Assert.Throws<InvalidDataException>(() => changed.Section(RunSection.Retrieval));
    }

    // 1 accuracy + (P@K, R@K) for K in 1, 5, 10 + mAP, + 1 joint space x 2 directions x 5 metrics.
    private static long RetrievalResultRows() => 8 + 10;

    [Fact]
    public void Run_WritesTheTimingTable_SectionsModelsAndTheMachine_AndAResumeMarksSectionsLoaded()
    {
        var folder = TorchTestSupport.TempFolder();
        var pipeline = Pipeline(folder, new StringWriter());
        pipeline.Run([RunSection.CaseStudy, RunSection.ZeroShot]);

        var lines = File.ReadAllLines(Path.Combine(folder, RunTiming.FileName));
        Assert.Equal("scope,section,model,seed,status,wall_s,cpu_s,cores,jobs,threads,load_average_at_start", lines[0]);
        var rows = lines.Skip(1).Select(FusionKit.Data.CsvField.Split).ToList();
        var run = rows[0];
        Assert.Equal(["run", "", "", "", "computed"], run.Take(5));
        Assert.Equal([Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "1"], run.Skip(7).Take(3));
        Assert.Equal(RunTiming.ReadLoadAverage() is null, run[10] == "");
        Assert.Equal(["case-study", "zero-shot"], rows.Where(r => r[0] == "section").Select(r => r[1]));
        Assert.All(rows.Where(r => r[0] == "section"), r => Assert.Equal("computed", r[4]));
        // One row per trained model of the case study (image-only, compatibility, paper with MiniLM; seed 0), its saved training time.
        var caseStudy = pipeline.LoadCaseStudy();
        var models = rows.Where(r => r[0] == "model").ToList();
        Assert.Equal(["image-only|0", "compatibility (minilm)|0", "paper (minilm)|0"], models.Select(r => r[2] + "|" + r[3]));
        Assert.Equal(caseStudy.Runs.First(r => r.Variant.TrainingName == "image-only").TrainSeconds, double.Parse(models[0][5], System.Globalization.CultureInfo.InvariantCulture), 3);
        // Every wall time is a number >= 0; the run's covers its sections'.
        double Wall(IReadOnlyList<string> r) => double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Wall(run) >= rows.Where(r => r[0] == "section").Sum(Wall), string.Join("\n", lines));
        Assert.All(rows.Where(r => r[0] != "model"), r => Assert.True(double.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture) >= 0));

        // The report shows the table; a second invocation loads the sections and says so.
        Assert.Contains("id=\"timing-table\"", File.ReadAllText(pipeline.WriteReport(renderPng: false).ReportPath));
        Pipeline(folder, new StringWriter()).Run([RunSection.CaseStudy, RunSection.ZeroShot]);
        var again = File.ReadAllLines(Path.Combine(folder, RunTiming.FileName)).Skip(1).Select(FusionKit.Data.CsvField.Split).Where(r => r[0] == "section");
        Assert.All(again, r => Assert.Equal("loaded", r[4]));
    }

    [Fact]
    public void Resume_OfAFullRun_LoadsEverySection_CaseStudyIncluded_WithoutLoadingDataOrTraining()
    {
        var folder = RunFolder.Create("case-study", "synthetic", TorchTestSupport.TempFolder()).Path;
        var first = Pipeline(folder, new StringWriter());
        // The case study, retrieval and zero-shot train for real on synthetic data; fusion, interaction and generation (which need
        // the real encoders) are saved as the pipeline saves them, under the pipeline's own settings.
        var ran = first.Run([RunSection.CaseStudy, RunSection.Retrieval, RunSection.ZeroShot]).ToList();
        ran.Insert(1, SectionStore.GetOrRun(folder, RunSection.Fusion, "synthetic", [0], first.SettingsOf(RunSection.Fusion), _ => SectionTestTables.Fusion()));
        ran.Add(SectionStore.GetOrRun(folder, RunSection.Interaction, "synthetic", [0], first.SettingsOf(RunSection.Interaction), _ => InteractionResultTests.Result().Summary()));
        ran.Add(SectionStore.GetOrRun(folder, RunSection.Generation, "synthetic", [0], first.SettingsOf(RunSection.Generation), _ => GenerationSectionTests.Summary()));
        foreach (var name in RunSections.Names)
            Assert.True(File.Exists(Path.Combine(folder, name, SectionStore.FileName)), name);
        Assert.True(File.Exists(Path.Combine(folder, "case-study", "summary.csv")));
        Assert.True(CaseStudyExperiment.HasSavedRuns(Path.Combine(folder, "case-study")));
        Assert.Equal(["config.json", RunTiming.FileName], Directory.GetFiles(folder).Select(Path.GetFileName).Order()); // nothing of a section at the root

        var log = new StringWriter();
        var resumed = Pipeline(folder, log, withData: false).Run(RunSections.All); // no data: loading it would fail on this profile

        Assert.Equal(RunSections.All, resumed.Select(s => s.Section));
        foreach (var name in RunSections.Names) Assert.Contains($"{name}: complete in", log.ToString());
        Assert.DoesNotContain("running", log.ToString());
        Assert.DoesNotContain("training", log.ToString());
        Assert.DoesNotContain("data ready", log.ToString());
        Assert.Equal(ran.Select(s => s.Fingerprint), resumed.Select(s => s.Fingerprint));
        Assert.Equal(ran.Select(s => s.Table.ToCsv()), resumed.Select(s => s.Table.ToCsv())); // every section's table, number for number

        var report = Pipeline(folder, TextWriter.Null, withData: false).WriteReport(renderPng: false);
        var html = File.ReadAllText(report.ReportPath);
        var positions = RunSections.Names.Select(n => html.IndexOf($"<h1 id=\"{n}\">", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions); // one section after another, in run order
    }

    [Fact]
    public void ARunFolderOfTheEarlierLayout_IsRefused_SayingToRerun()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", """{"runId":"x","profile":{"name":"smoke"},"seeds":[0],"config":{}}""");
        Directory.CreateDirectory(Path.Combine(temp.Path, "runs"));
        var error = Assert.Throws<InvalidDataException>(() => new RunPipeline(RunProfile.Smoke, temp.Path).Section(RunSection.Retrieval));
        Assert.Contains("earlier release", error.Message);
        Assert.Contains("Rerun", error.Message);
        Assert.Contains(Path.GetFullPath(temp.Path), error.Message);

        using var configOnly = new TempFolder(); // a run without the case study, written before config.json named its layout
        configOnly.Write("config.json", """{"runId":"x","profile":{"name":"smoke"},"seeds":[0]}""");
        Assert.Throws<InvalidDataException>(() => RunConfigFile.TryRead(configOnly.Path));
        using var wideTables = new TempFolder(); // a run of the sections layout written before the one result-table shape
        wideTables.Write("config.json", """{"runId":"x","layout":"sections","profile":{"name":"smoke"},"seeds":[0]}""");
        var wide = Assert.Throws<InvalidDataException>(() => new RunPipeline(RunProfile.Smoke, wideTables.Path).Section(RunSection.Retrieval));
        Assert.Contains("wide mean/std columns", wide.Message);
        Assert.Contains("Rerun it into a new folder", wide.Message);
        using var fresh = new TempFolder();
        RunConfigFile.CheckLayout(fresh.Path); // an empty folder is a new run
    }

    [Fact]
    public void FusionSettings_NameEveryMethodOfTheGrid_WithoutTheCodeNamingThem()
    {
        var pipeline = new RunPipeline(RunProfile.Smoke, TorchTestSupport.TempFolder());
        foreach (var method in FusionExperiment.AllNames) Assert.Contains(method, pipeline.FusionSettings());
        Assert.Equal((FusionExperiment.AllNames.Count + 1) * 2, pipeline.FusionGrid.Count); // plus image-only on cross-attention's subset
        Assert.Contains("epochs=10", pipeline.SettingsOf(RunSection.CaseStudy));
    }
}
