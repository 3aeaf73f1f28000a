using FusionKit.Data;
using FusionKit.Results;
using FusionKit.Runs;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Runs;

/// <summary>A notebook reads a run and never computes a section without being asked; a missing one names its cost and call.</summary>
public class NotebookRunTests
{
    [Fact]
    public void NoRunYet_PlansEverySectionAsMissing_WithItsMeasuredTime_AndCreatesNothing()
    {
        using var temp = new TempFolder();
        var run = NotebookRun.Latest(RunProfile.Smoke, temp.Path);
        Assert.Null(run.RunDirectory);
        var plan = run.Plan();
        Assert.Equal(RunSections.Names, plan.Columns["section"].Cast<string>());
        Assert.All(plan.Columns["state"].Cast<string>(), s => Assert.Equal("missing", s));
        // SectionTimes' smoke figures, measured on a quiet 2-core machine (README)
        Assert.Equal(["7 s", "16 s", "5 s", "5 s", "37 s", "52 s"], plan.Columns["time to compute"].Cast<string>());
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void MissingSection_IsAnErrorThatSaysHowLongAndWhichCall()
    {
        using var temp = new TempFolder();
        var run = NotebookRun.Open(temp.Path, RunProfile.Default);
        var e = Assert.Throws<InvalidOperationException>(() => run.Load(RunSection.ZeroShot));
        Assert.Contains("about 3.3 min on the default profile", e.Message);
        Assert.Contains("run.Compute(RunSection.ZeroShot)", e.Message);
        Assert.Contains($"--resume {Path.GetFullPath(temp.Path)} --sections zero-shot", e.Message);
        Assert.Contains("about 10.3 min", Assert.Throws<InvalidOperationException>(() => run.Load(RunSection.CaseStudy)).Message); // a section like the others
        Assert.Contains("about 10.3 min", Assert.Throws<InvalidOperationException>(run.LoadCaseStudy).Message);
        Assert.Contains("compute a section first", Assert.Throws<InvalidOperationException>(() => run.WriteReport()).Message);
    }

    [Fact]
    public void ComputeMissing_ComputesNothingLongerThanAllowed_AndListsTheCalls()
    {
        using var temp = new TempFolder();
        var run = NotebookRun.Open(temp.Path, RunProfile.Default);
        var lines = run.ComputeMissing(within: TimeSpan.FromMinutes(2)); // every default-profile section takes longer
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.Contains("not computed", l));
        Assert.Contains("run.Compute(RunSection.Fusion)", lines[1]);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void SavedSection_IsReadBack_AndShownAsSaved()
    {
        using var temp = new TempFolder();
        var table = new ResultTable([], [new ResultRow([], "R@1", 0.5, 0.0, 1)]);
        SectionStore.Save(temp.Path, new SectionResult(RunSection.Retrieval, "smoke", [0], "test settings", table, 1.5));
        var run = NotebookRun.Open(temp.Path, RunProfile.Smoke);
        Assert.True(run.Has(RunSection.Retrieval));
        Assert.False(run.Has(RunSection.Fusion));
        Assert.Equal("saved", run.Plan().Columns["state"][2]);
        Assert.Equal("test settings", run.Load(RunSection.Retrieval).Settings);
        Assert.Contains("retrieval: saved in the run", run.ComputeMissing(TimeSpan.Zero));
    }

    [Fact]
    public void ARunOfTheEarlierLayout_IsRefused_SayingToRerun()
    {
        using var temp = new TempFolder();
        temp.Write("metrics.json", "{}"); // the case study's files at the top of the run folder
        Assert.Contains("Rerun it into a new folder", Assert.Throws<InvalidDataException>(() => NotebookRun.Open(temp.Path, RunProfile.Smoke)).Message);
    }

    [Fact]
    public void Times_AreFormattedInSecondsOrMinutes()
    {
        Assert.Equal("28 s", SectionTimes.Format(TimeSpan.FromSeconds(28)));
        Assert.Equal("5.6 min", SectionTimes.Format(TimeSpan.FromMinutes(5.6)));
        Assert.Null(SectionTimes.Of(RunSection.Fusion, "huge"));
        Assert.Contains("unmeasured", SectionTimes.Describe(RunSection.Fusion, "huge"));
        Assert.Equal("about 37 s on the smoke profile (measured on 2 cores, embeddings cached)", SectionTimes.Describe(RunSection.Interaction, "smoke"));
        Assert.Equal("17.6 min", SectionTimes.Short(RunSection.Interaction, "default"));
        Assert.Equal("34 min", SectionTimes.Short(RunSection.Generation, "default"));
    }
}
