using System.Text.RegularExpressions;
using FusionKit.Runs;

namespace FusionKit.Tests.Runs;

/// <summary>The timing table's model rows and its reading of the machine's load average (the table as a run writes it:
/// RunPipelineTests and CaseStudyJobsTests).</summary>
public class RunTimingTests
{
    [Fact]
    public void LoadAverage_IsTheFirstThreeFieldsOfProcLoadavg()
    {
        if (!File.Exists("/proc/loadavg"))
        {
            Assert.Null(RunTiming.ReadLoadAverage());
            return;
        }
        static double FifteenMinutes(string text) => double.Parse(text.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        var before = File.ReadAllText("/proc/loadavg");
        var read = RunTiming.ReadLoadAverage();
        Assert.Matches(new Regex(@"^\d+\.\d+ \d+\.\d+ \d+\.\d+$"), read);
        // The file is rewritten every few seconds; the 15-minute average cannot move by a whole unit between two reads.
        Assert.Equal(FifteenMinutes(before), FifteenMinutes(read!), 1.0);
    }

    [Fact]
    public void Models_AddOneTrainedRowPerModel_UnderItsSection_InTheOrderGiven()
    {
        var timing = new RunTiming(jobs: 2, threads: 1);
        timing.Models(RunSection.Interaction, [("gated · minilm", 0, 12.5), ("image-only", 1, 3.25)]);
        Assert.Equal([new TimingRow("model", "interaction", "gated · minilm", 0, "trained", 12.5, null),
                      new TimingRow("model", "interaction", "image-only", 1, "trained", 3.25, null)], timing.Rows);
    }
}
