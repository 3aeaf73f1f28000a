namespace FusionKit.Runs;

/// <summary>What <see cref="RunReport.Write"/> wrote.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="Files">Every file written (full paths), report.html last.</param>
/// <param name="PngSkipped">Why PNG copies of the charts were not written, or null when they were.</param>
public sealed record RunReportFiles(string RunDirectory, IReadOnlyList<string> Files, string? PngSkipped)
{
    /// <summary>The one-page report, at the run folder's root.</summary>
    public string ReportPath => Path.Combine(RunDirectory, RunReport.FileName);
}
