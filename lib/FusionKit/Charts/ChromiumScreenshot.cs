using System.Diagnostics;
using System.Globalization;

namespace FusionKit.Charts;

/// <summary>One run of headless Chromium that screenshots a page, in a fresh throw-away profile.</summary>
internal static class ChromiumScreenshot
{
    /// <summary>Runs Chromium; returns null on success or the reason it failed.</summary>
    public static string? Run(string chromium, string url, string pngPath, int width, int height, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("fusionkit-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile.FullName, "--virtual-time-budget=5000",
                "--screenshot=" + pngPath,
                string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"),
                url,
            })
                start.ArgumentList.Add(argument);

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"Could not start '{chromium}'.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the wait and the kill.
                }

                process.WaitForExit();
                return $"Chromium did not finish within {timeout.TotalSeconds:0} s and was killed.";
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
                return $"Chromium exited with code {process.ExitCode}: {Tail(stderr.Result)}";
            if (!File.Exists(pngPath) || new FileInfo(pngPath).Length == 0)
                return $"Chromium exited normally but wrote no screenshot. stderr: {Tail(stderr.Result)} stdout: {Tail(stdout.Result)}";
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"Could not run '{chromium}': {e.Message}";
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A Chromium helper may still hold a file for a moment; the temp folder is left for the OS to clean.
            }
        }
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : "..." + text[^600..].Trim();
}
