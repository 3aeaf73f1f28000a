using FusionKit.Runs;
using FusionKit.Results;

namespace FusionKit.Tests.Runs;

public class SectionStoreTests
{
    private static SectionResult Run(string folder, RunSection section, Func<string, ResultTable> run, IReadOnlyList<int>? seeds = null, string settings = "v1", TextWriter? log = null) =>
        SectionStore.GetOrRun(folder, section, "synthetic", seeds ?? [0, 1], settings, run, log);

    [Fact]
    public void SavedSection_ReadsBack_WithTheSameTableAndSettings()
    {
        using var temp = new TempFolder();
        var saved = SectionTestTables.Result(RunSection.ZeroShot, SectionTestTables.ZeroShot());
        var path = SectionStore.Save(temp.Path, saved);
        Assert.Equal(Path.Combine(temp.Path, "zero-shot", "section.json"), path);

        var loaded = SectionStore.TryLoad(temp.Path, RunSection.ZeroShot)!;
        Assert.Equal((saved.ProfileName, saved.Settings, saved.Seconds, saved.Fingerprint), (loaded.ProfileName, loaded.Settings, loaded.Seconds, loaded.Fingerprint));
        Assert.Equal(saved.Seeds, loaded.Seeds);
        Assert.Equal(saved.Table.SettingColumns, loaded.Table.SettingColumns);
        Assert.Equal(saved.Table.ToCsv(), loaded.Table.ToCsv()); // every setting, metric, mean, std and n, numbers in round-trip form
        Assert.Equal(saved.Table.ToCsv(), File.ReadAllText(Path.Combine(temp.Path, "zero-shot", SectionStore.TableFileName))); // table.csv: the same table
        Assert.Null(SectionStore.TryLoad(temp.Path, RunSection.Fusion));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void GetOrRun_RunsOnce_ThenLoadsTheFinishedSection()
    {
        using var temp = new TempFolder();
        var calls = 0;
        ResultTable Compute(string folder)
        {
            calls++;
            File.WriteAllText(Path.Combine(folder, "own-file.csv"), "x\n1\n"); // the experiment's own files go into the section folder
            return SectionTestTables.Fusion();
        }

        var log = new StringWriter();
        var first = Run(temp.Path, RunSection.Fusion, Compute, log: log);
        var second = Run(temp.Path, RunSection.Fusion, Compute, log: log);

        Assert.Equal(1, calls);
        Assert.True(File.Exists(Path.Combine(temp.Path, "fusion", "own-file.csv")));
        Assert.Contains("fusion: running", log.ToString());
        Assert.Contains("fusion: complete in", log.ToString());
        Assert.Equal(first.Table.ToCsv(), second.Table.ToCsv());
        Assert.Equal(first.Seconds, second.Seconds);
    }

    [Fact]
    public void GetOrRun_OtherSeedsOrSettings_AreRefused_NamingTheFile()
    {
        using var temp = new TempFolder();
        Run(temp.Path, RunSection.Retrieval, _ => SectionTestTables.Retrieval());
        var seeds = Assert.Throws<InvalidDataException>(() => Run(temp.Path, RunSection.Retrieval, _ => throw new InvalidOperationException("must not run"), seeds: [0, 1, 2]));
        Assert.Contains(Path.Combine("retrieval", "section.json"), seeds.Message);
        Assert.Contains("seeds 0,1,2", seeds.Message);
        Assert.Throws<InvalidDataException>(() => Run(temp.Path, RunSection.Retrieval, _ => throw new InvalidOperationException("must not run"), settings: "v2"));
    }

    [Fact]
    public void ACrashMidSection_LeavesEarlierSectionsComplete_AndTheResumeRunsOnlyTheUnfinishedOne()
    {
        using var temp = new TempFolder();
        Run(temp.Path, RunSection.Fusion, _ => SectionTestTables.Fusion());
        Assert.Throws<InvalidOperationException>(() => Run(temp.Path, RunSection.Retrieval, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "retrieval.csv"), "half"); // partial output, then the crash
            throw new InvalidOperationException("crash");
        }));
        Assert.Equal([RunSection.Fusion], SectionStore.LoadAll(temp.Path).Select(s => s.Section));

        var runs = new List<RunSection>();
        foreach (var (section, table) in new[] { (RunSection.Fusion, SectionTestTables.Fusion()), (RunSection.Retrieval, SectionTestTables.Retrieval()) })
            Run(temp.Path, section, _ => { runs.Add(section); return table; });
        Assert.Equal([RunSection.Retrieval], runs);
        Assert.Equal([RunSection.Fusion, RunSection.Retrieval], SectionStore.LoadAll(temp.Path).Select(s => s.Section));
    }

    [Fact]
    public void UnreadableSectionFile_IsAnError_NamingIt()
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.Combine("zero-shot", "section.json"), "{ not json");
        var error = Assert.Throws<InvalidDataException>(() => SectionStore.TryLoad(temp.Path, RunSection.ZeroShot));
        Assert.Contains(path, error.Message);
        Assert.Equal(Path.Combine(Path.GetFullPath(temp.Path), "case-study"), SectionStore.FolderOf(temp.Path, RunSection.CaseStudy)); // a section like the others
    }
}
