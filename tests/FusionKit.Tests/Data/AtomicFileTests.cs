using FusionKit.Caching;
using FusionKit.Data;

namespace FusionKit.Tests.Data;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CrashMidWrite_LeavesTheOldFileIntact()
    {
        var path = Path.Combine(_dir, "results.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial new content"u8);
            throw new InvalidOperationException("simulated crash");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir)); // no temporary left behind
    }
}

public class ProgressLogTests
{
    [Fact]
    public void Report_PrintsFirstThrottledAndFinalLines()
    {
        var output = new StringWriter();
        var log = new ProgressLog(output, "embedding", 100, "img") { Interval = TimeSpan.FromHours(1) };
        log.Report(10);
        log.Report(50); // throttled: within the interval
        log.Report(100);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("embedding: 10/100 (10%)", lines[0]);
        Assert.StartsWith("embedding: 100/100 done", lines[1]);
    }
}
