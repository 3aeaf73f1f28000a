using System.Text.RegularExpressions;
using FusionKit.Cli;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Tests.Training;

namespace FusionKit.Tests.Cli;

/// <summary>
/// `fusionkit case-study --jobs 2` computes its sections in worker processes of the CLI itself, the interaction last with a
/// helper that joins its trainings once the other job is free; its numbers must be those of `--jobs 1`, bit for bit (the
/// same seeds in the same processes' generators), on the smoke profile's cached embeddings.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class CaseStudyJobsTests
{
    private static (int Code, string Output, string RunDirectory) MainJob(string outRoot, int jobs)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["case-study", "--profile", "smoke", "--sections", "case-study,retrieval,interaction", "--epochs", "1", "--no-png",
                                "--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outRoot], output, error);
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        return (code, output.ToString(), Directory.GetDirectories(outRoot).Single());
    }

    /// <summary>A CSV file's rows without its columns of seconds (how long a model trained differs from run to run).</summary>
    private static IReadOnlyList<string> WithoutTimings(string path)
    {
        var rows = File.ReadAllLines(path).Select(FusionKit.Data.CsvField.Split).ToList();
        var kept = Enumerable.Range(0, rows[0].Count).Where(i => !rows[0][i].Contains("seconds", StringComparison.Ordinal)).ToArray();
        Assert.True(rows.Count > 1 && kept.Length > 1, path);
        return rows.Select(r => string.Join("|", kept.Select(i => r[i]))).ToList();
    }

    [Fact]
    public void TwoJobs_GiveTheNumbersOfOneJob_BitForBit_AndPrefixTheirLines()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        var sequential = MainJob(one.Path, jobs: 1);
        var parallel = MainJob(two.Path, jobs: 2);

        // The result files hold every metric in round-trip form: equal text, equal numbers (timing columns aside).
        foreach (var file in new[] { "case-study/metrics.csv", "case-study/summary.csv", "retrieval/retrieval.csv", "retrieval/retrieval-intervals.csv", "interaction/table.csv" })
            Assert.Equal(WithoutTimings(Path.Combine(sequential.RunDirectory, file)), WithoutTimings(Path.Combine(parallel.RunDirectory, file)));

        Assert.DoesNotContain("[case-study] ", sequential.Output);
        // Longest first by SectionTimes' smoke figures, the case study (7 s) before retrieval (5 s), and the interaction last:
        // the job that finishes first then helps train its models (which ones it takes depends on timing).
        Assert.Contains("computing case-study, retrieval, interaction in 2 jobs of 1 torch thread(s) each; 1 helper(s) join the interaction's trainings", parallel.Output);
        Assert.Contains("[case-study] == [1/1] case-study", parallel.Output);
        Assert.Contains("[retrieval] == [1/1] retrieval", parallel.Output);
        Assert.Matches(@"\[helper 1\]   seed 0 \S+", parallel.Output);
        var interactionRuns = Directory.EnumerateFiles(Path.Combine(parallel.RunDirectory, "interaction", RunPipeline.TrainingRunsFolder), "seed*.json").Count();
        Assert.Equal(parallel.Output.Split('\n').Count(l => Regex.IsMatch(l, @"^\[(interaction|helper 1)\]   seed 0 ")), interactionRuns); // each model trained once
        Assert.DoesNotContain(WorkerProcesses.CpuMarker, parallel.Output);

        // The timing table says how each ran: in this process, or as a job with the CPU time the job reported.
        var rows = File.ReadAllLines(Path.Combine(parallel.RunDirectory, RunTiming.FileName)).Skip(1).Select(FusionKit.Data.CsvField.Split).ToList();
        Assert.Equal("2", rows[0][8]);
        Assert.All(rows.Where(r => r[0] == "section"), r => Assert.True(r[4] == "job" && r[6].Length > 0, string.Join(",", r)));
        var sequentialRows = File.ReadAllLines(Path.Combine(sequential.RunDirectory, RunTiming.FileName)).Skip(1).Select(FusionKit.Data.CsvField.Split).ToList();
        Assert.Equal("1", sequentialRows[0][8]);
        Assert.All(sequentialRows.Where(r => r[0] == "section"), r => Assert.Equal("computed", r[4]));
    }
}
