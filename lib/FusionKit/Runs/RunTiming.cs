using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using FusionKit.Data;
using FusionKit.Experiments.CaseStudy;
using FusionKit.Platform;
using Microsoft.Data.Analysis;

namespace FusionKit.Runs;

/// <summary>
/// The timing table a main-job run writes into its run folder (<see cref="FileName"/>, through the kit's one CSV writer
/// <see cref="TableCsv"/>) and its report: wall and CPU seconds per section and per trained model, and on the "run" row
/// the machine's cores, the jobs and threads used and the load average when the run started (from <c>/proc/loadavg</c>;
/// empty where the system has none). The figures are measured by this run: read speed claims from here.
/// A busy machine shows in the load average and in CPU seconds well below wall seconds. Each invocation rewrites the
/// file; a section loaded from an earlier invocation has status "loaded", and its model rows keep the training times
/// saved with the models.
/// </summary>
public sealed class RunTiming
{
    /// <summary>The table's file name at the run folder's root.</summary>
    public const string FileName = "timing.csv";

    private readonly List<TimingRow> _rows = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = CpuTime();

    /// <param name="jobs">Jobs of the run (<see cref="Parallelism"/>).</param>
    /// <param name="threads">Torch threads per job.</param>
    public RunTiming(int jobs, int threads)
    {
        Jobs = jobs;
        Threads = threads;
        LoadAverage = ReadLoadAverage();
    }

    /// <summary>Jobs of the run.</summary>
    public int Jobs { get; }

    /// <summary>Torch threads per job.</summary>
    public int Threads { get; }

    /// <summary>Cores of this machine (<see cref="Environment.ProcessorCount"/>).</summary>
    public int Cores { get; } = Environment.ProcessorCount;

    /// <summary>The 1-, 5- and 15-minute load averages when the run started ("0.52 0.61 0.70"), or null without /proc/loadavg.</summary>
    public string? LoadAverage { get; }

    /// <summary>The rows so far (sections and models; the run row is added by <see cref="ToDataFrame"/>).</summary>
    public IReadOnlyList<TimingRow> Rows => _rows;

    /// <summary>Adds a section's row.</summary>
    public void Section(RunSection section, string status, double wallSeconds, double? cpuSeconds) =>
        _rows.Add(new TimingRow("section", RunSections.Name(section), "", null, status, wallSeconds, cpuSeconds));

    /// <summary>Adds one row per trained model of a complete case study (its saved training times).</summary>
    public void Models(CaseStudyResult caseStudy)
    {
        ArgumentNullException.ThrowIfNull(caseStudy);
        Models(RunSection.CaseStudy, caseStudy.Runs.Where(r => r.Variant.TestText is TestTextKind.NotUsed or TestTextKind.TrueLabel)
                                               .Select(r => (r.Variant.TrainingName, r.Seed, r.TrainSeconds)));
    }

    /// <summary>Adds one row per trained model of a section: its name, seed and the training seconds saved with it.</summary>
    public void Models(RunSection section, IEnumerable<(string Model, int Seed, double TrainSeconds)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var (model, seed, seconds) in models)
            _rows.Add(new TimingRow("model", RunSections.Name(section), model, seed, "trained", seconds, null));
    }

    /// <summary>Seconds since this object was created, and this process's CPU seconds since then plus what jobs reported.</summary>
    private (double Wall, double Cpu) Total() =>
        (_clock.Elapsed.TotalSeconds,
         (CpuTime() - _cpuAtStart).TotalSeconds + _rows.Where(r => r is { Scope: "section", Status: "job" }).Sum(r => r.CpuSeconds ?? 0));

    /// <summary>The table: the run row first (totals and the machine), then the section and model rows in the order added.</summary>
    public DataFrame ToDataFrame()
    {
        var (wall, cpu) = Total();
        var rows = new List<TimingRow> { new("run", "", "", null, "computed", wall, cpu) };
        rows.AddRange(_rows);
        string? OnRun<T>(int i, T value) => i == 0 ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        return new DataFrame(
            new StringDataFrameColumn("scope", rows.Select(r => r.Scope)),
            new StringDataFrameColumn("section", rows.Select(r => r.Section)),
            new StringDataFrameColumn("model", rows.Select(r => r.Model)),
            new PrimitiveDataFrameColumn<int>("seed", rows.Select(r => r.Seed)),
            new StringDataFrameColumn("status", rows.Select(r => r.Status)),
            new DoubleDataFrameColumn("wall_s", rows.Select(r => (double?)Math.Round(r.WallSeconds, 3))),
            new DoubleDataFrameColumn("cpu_s", rows.Select(r => r.CpuSeconds is { } c ? Math.Round(c, 3) : (double?)null)),
            new StringDataFrameColumn("cores", rows.Select((_, i) => OnRun(i, Cores))),
            new StringDataFrameColumn("jobs", rows.Select((_, i) => OnRun(i, Jobs))),
            new StringDataFrameColumn("threads", rows.Select((_, i) => OnRun(i, Threads))),
            new StringDataFrameColumn("load_average_at_start", rows.Select((_, i) => i == 0 ? LoadAverage : null)));
    }

    /// <summary>Writes <see cref="FileName"/> into the run folder (atomically); returns its path.</summary>
    public string Write(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var path = Path.Combine(runDirectory, FileName);
        AtomicFile.WriteAllText(path, TableCsv.ToCsv(ToDataFrame()));
        return path;
    }

    /// <summary>The report's part for a run folder's timing table: a heading, a sentence and the table; empty when the folder has none.</summary>
    public static string ReportHtml(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return "";
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).Select(CsvField.Split).ToList();
        if (lines.Count < 2) return "";
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<h1 id=\"timing\">Timing of this run</h1>\n<p>Measured by the run itself (")
            .Append(FileName).Append("): wall and CPU seconds per section and the training time of each model, with the machine's cores, ")
            .Append("the jobs and threads used and the load average at the start. On a busy machine CPU seconds fall well below wall seconds.</p>\n")
            .Append("<table class=\"section\" id=\"timing-table\">\n<tr>");
        foreach (var name in lines[0]) html.Append("<th>").Append(E(name)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in lines.Skip(1))
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td class=\"t\">").Append(E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    /// <summary>This process's CPU time (user + system, every thread).</summary>
    public static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The first three fields of /proc/loadavg, or null where it cannot be read.</summary>
    public static string? ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? string.Join(' ', fields.Take(3)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
