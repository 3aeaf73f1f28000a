using System.Diagnostics;

namespace FusionKit.Caching;

/// <summary>
/// Periodic progress lines for long work ("label: 12,288/60,000 (20%), 45.1 items/s, ETA 0:17:43"): at most one
/// line every <see cref="Interval"/>, plus the final one. Works the same in a terminal, a log file and a notebook.
/// </summary>
public sealed class ProgressLog
{
    private readonly TextWriter _output;
    private readonly string _label;
    private readonly long _total;
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _startDone;
    private TimeSpan? _lastPrint;

    public ProgressLog(TextWriter output, string label, long total, string unit = "items", long alreadyDone = 0)
    {
        _output = output ?? TextWriter.Null;
        _label = label;
        _total = total;
        _unit = unit;
        _startDone = alreadyDone;
    }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reports that <paramref name="done"/> of the total are finished.</summary>
    public void Report(long done)
    {
        var now = _clock.Elapsed;
        if (done < _total && _lastPrint is { } last && now - last < Interval) return;
        _lastPrint = now;
        var rate = (done - _startDone) / Math.Max(now.TotalSeconds, 1e-9);
        var eta = rate > 0 ? TimeSpan.FromSeconds((_total - done) / rate) : TimeSpan.Zero;
        var percent = _total == 0 ? 100 : 100.0 * done / _total;
        _output.WriteLine(done >= _total
            ? $"{_label}: {done:N0}/{_total:N0} done in {now:h\\:mm\\:ss} ({rate:F1} {_unit}/s)"
            : $"{_label}: {done:N0}/{_total:N0} ({percent:F0}%), {rate:F1} {_unit}/s, ETA {eta:h\\:mm\\:ss}");
    }
}
