using System.ComponentModel;
using System.Diagnostics;
using FusionKit.Platform;

namespace FusionKit.Speech;

/// <summary>
/// Runs a speech program (pocketsphinx, espeak-ng) as a child process with a time limit and cancellation,
/// capturing its output, and turns "not installed" into a <see cref="SpeechException"/> that says how to install it.
/// </summary>
internal static class ToolRun
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <exception cref="SpeechException">Not installed (<see cref="SpeechErrorKind.ToolMissing"/>) or past the time limit (<see cref="SpeechErrorKind.ToolFailed"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the process is killed first.</exception>
    public static Result Run(string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = SystemTool.Find(executable) ?? throw Missing(executable, null);
        var start = new ProcessStartInfo(found)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"'{executable}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw Missing(executable, e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var finished = Task.Run(() => process.WaitForExit(timeout), CancellationToken.None);
            try
            {
                finished.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                throw;
            }

            if (!finished.Result)
            {
                Kill(process);
                throw new SpeechException(SpeechErrorKind.ToolFailed,
                    $"'{executable}' did not finish within {timeout.TotalSeconds:0.#} s and was stopped; try a shorter recording or a longer time limit.");
            }

            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>The last lines of a program's error output that start with "ERROR", or its last line, for messages.</summary>
    public static string ErrorSummary(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.StartsWith("ERROR", StringComparison.Ordinal)).TakeLast(3).ToArray();
        return errors.Length > 0 ? string.Join(" / ", errors) : lines.LastOrDefault() ?? "(no error output)";
    }

    private static SpeechException Missing(string executable, Exception? inner) =>
        new(SpeechErrorKind.ToolMissing, $"The speech program '{executable}' is not installed (not found on PATH): {SystemTool.InstallHint(executable)}.", inner);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited between the wait and the kill.
        }
    }
}
