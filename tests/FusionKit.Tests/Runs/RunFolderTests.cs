using FusionKit.Runs;

namespace FusionKit.Tests.Runs;

/// <summary>One naming scheme for every run folder: UTC, sortable, never overwriting; legacy names refused by --resume.</summary>
public class RunFolderTests
{
    private static readonly DateTime Noon = new(2026, 11, 30, 12, 0, 5, DateTimeKind.Utc);

    [Fact]
    public void Create_NamesTheFolderByUtcTimeCommandAndProfile()
    {
        using var temp = new TempFolder();
        var run = RunFolder.Create("case-study", "smoke", temp.Path, Noon);
        Assert.Equal("20261130-120005-case-study-smoke", Path.GetFileName(run.Path));
        Assert.Equal(run.Id, Path.GetFileName(run.Path));
        Assert.True(Directory.Exists(run.Path));
        // A local time is converted: 13:00:05 at UTC+1 is the same run second.
        var local = new DateTimeOffset(2026, 11, 30, 13, 0, 5, TimeSpan.FromHours(1)).UtcDateTime;
        Assert.Equal("20261130-120005-fuse-default", RunFolder.NameOf(local, "fuse", "default"));
    }

    [Fact]
    public void Create_NeverReusesAFolder_TheNextFreeSecondIsTaken()
    {
        using var temp = new TempFolder();
        var first = RunFolder.Create("fuse", "smoke", temp.Path, Noon);
        File.WriteAllText(Path.Combine(first.Path, "charts.html"), "first run");
        var second = RunFolder.Create("fuse", "smoke", temp.Path, Noon);
        var third = RunFolder.Create("fuse", "smoke", temp.Path, Noon);
        Assert.Equal(["20261130-120005-fuse-smoke", "20261130-120006-fuse-smoke", "20261130-120007-fuse-smoke"],
                     new[] { first, second, third }.Select(r => r.Id));
        Assert.Equal("first run", File.ReadAllText(Path.Combine(first.Path, "charts.html")));
        Assert.Empty(Directory.GetDirectories(temp.Path, ".creating-*"));
    }

    [Fact]
    public void ListAndLatest_SortByStartTime_AndFilterByCommandAndProfile()
    {
        using var temp = new TempFolder();
        var older = RunFolder.Create("case-study", "smoke", temp.Path, Noon.AddDays(-1));
        var newer = RunFolder.Create("case-study", "smoke", temp.Path, Noon);
        RunFolder.Create("case-study", "default", temp.Path, Noon.AddHours(1));
        RunFolder.Create("fuse", "smoke", temp.Path, Noon.AddHours(2));
        Directory.CreateDirectory(Path.Combine(temp.Path, "20261128-1210-smoke")); // the old scheme: ignored
        Assert.Equal([older.Id, newer.Id], RunFolder.List(temp.Path, "case-study", "smoke").Select(r => r.Id));
        Assert.Equal(4, RunFolder.List(temp.Path).Count);
        Assert.Equal(newer.Path, RunFolder.Latest("case-study", "smoke", temp.Path)?.Path);
        Assert.Equal(older.Path, RunFolder.Latest("case-study", "smoke", temp.Path, r => r.StartedUtc < Noon)?.Path);
        Assert.Null(RunFolder.Latest("search", resultsDirectory: temp.Path));
    }

    [Fact]
    public void Open_ReadsTheNameBack()
    {
        using var temp = new TempFolder();
        var run = RunFolder.Open(RunFolder.Create("zero-shot", "default", temp.Path, Noon).Path + Path.DirectorySeparatorChar);
        Assert.Equal(("zero-shot", "default", Noon), (run.Command, run.Profile, run.StartedUtc));
    }

    [Theory]
    [InlineData("20261128-1210-smoke")]                   // the case study's folders before this scheme (local time, minutes)
    [InlineData("retrieval-smoke-20261130-134715")]       // retrieval and zero-shot's folders before it
    [InlineData("gated")]                                 // results/fuse/<method>
    public void Open_RefusesFoldersOfTheOldSchemes_SayingWhatToDo(string name)
    {
        using var temp = new TempFolder();
        var path = Directory.CreateDirectory(Path.Combine(temp.Path, name)).FullName;
        var e = Assert.Throws<InvalidDataException>(() => RunFolder.Open(path));
        Assert.Contains(name, e.Message);
        Assert.Contains("yyyyMMdd-HHmmss-<command>-<profile>", e.Message);
        Assert.Contains("start a new run", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => RunFolder.Open(Path.Combine(temp.Path, "missing")));
    }

    [Theory]
    [InlineData("Case Study", "smoke")]
    [InlineData("fuse", "smoke-2")]
    [InlineData("", "smoke")]
    public void BadCommandOrProfile_IsRejected(string command, string profile)
    {
        Assert.Throws<ArgumentException>(() => RunFolder.NameOf(Noon, command, profile));
    }
}
