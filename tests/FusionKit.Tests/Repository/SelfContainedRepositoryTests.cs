using System.Diagnostics;
using System.Text.RegularExpressions;
using FusionKit.Platform;

namespace FusionKit.Tests.Repository;

/// <summary>
/// The repository is self-contained: no tracked file points to notes, folders or machine paths outside it, and
/// every <c>docs/*.md</c> a file cites exists. A clone on another machine must not carry dead references.
/// </summary>
public partial class SelfContainedRepositoryTests
{
    // Written in pieces so this file does not match itself.
    private static readonly string[] OutsideReferences =
    [
        "shared" + "/notes", ".." + "/shared", "platform" + "-facts", "/work" + "/", "/root" + "/", "/home" + "/",
    ];

    private static string Root => KitPaths.RepositoryRoot() ?? throw new InvalidOperationException("Tests run inside the repository.");

    [Fact]
    public void NoTrackedFile_PointsOutsideTheRepository()
    {
        var offenders = new List<string>();
        foreach (var file in TextFiles())
        {
            var lines = File.ReadAllLines(Path.Combine(Root, file));
            for (var i = 0; i < lines.Length; i++) offenders.AddRange(Offenses(file, i + 1, lines[i]));
        }
        Assert.True(offenders.Count == 0, "References outside the repository:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void EveryCitedDocsPage_Exists()
    {
        var missing = new List<string>();
        foreach (var file in TextFiles())
            foreach (Match m in DocsPage().Matches(File.ReadAllText(Path.Combine(Root, file))))
                if (!File.Exists(Path.Combine(Root, "docs", m.Groups[1].Value)))
                    missing.Add($"{file} cites docs/{m.Groups[1].Value}");
        Assert.True(missing.Count == 0, string.Join('\n', missing));
        Assert.True(File.Exists(Path.Combine(Root, "docs", "platform.md")));
    }

    [Theory]
    [InlineData("see ../" + "shared/" + "notes/platform" + "-facts.md")]
    [InlineData("(measured on /wo" + "rk/cache)")]
    [InlineData("[notes](../../elsewhere.md)")]
    public void TheCheck_FindsAnOutsideReference(string line)
    {
        Assert.NotEmpty(Offenses("tests/x.md", 1, line)); // the scan above can fail
    }

    [Fact]
    public void TheCheck_AcceptsLinksInsideTheRepository()
    {
        Assert.Empty(Offenses("lib/FusionKit.Cli/README.md", 1, "see [the platform](../../docs/platform.md#threads) and https://example.org/x"));
    }

    /// <summary>What is wrong with one line of a file: outside references and markdown links that leave the root.</summary>
    private static IEnumerable<string> Offenses(string file, int lineNumber, string line)
    {
        foreach (var reference in OutsideReferences)
            if (line.Contains(reference, StringComparison.Ordinal))
                yield return $"{file}:{lineNumber}: '{reference}' in: {line.Trim()}";
        foreach (Match link in MarkdownLink().Matches(line))
        {
            var target = link.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var root = Path.GetFullPath(Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var resolved = Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(file) ?? "", target.Split('#')[0]));
            if (!resolved.StartsWith(root, StringComparison.Ordinal) && resolved + Path.DirectorySeparatorChar != root)
                yield return $"{file}:{lineNumber}: link '{target}' leaves the repository";
        }
    }

    /// <summary>Tracked text files (git ls-files; without git, every file outside build output), relative to the root.</summary>
    private static IReadOnlyList<string> TextFiles()
    {
        string[] binary = [".gz", ".png", ".jpg", ".onnx", ".zip", ".dll", ".so", ".bin"];
        return TrackedFiles()
            .Where(f => !binary.Any(b => f.EndsWith(b, StringComparison.OrdinalIgnoreCase)) && !f.Contains("-ubyte", StringComparison.Ordinal))
            .Where(f => File.Exists(Path.Combine(Root, f)))
            .ToList();
    }

    private static IEnumerable<string> TrackedFiles()
    {
        try
        {
            var start = new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var text = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0 && text.Length > 0) return text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no git: fall through to the folder walk
        }
        string[] skipped = ["bin", "obj", ".git", ".cache", "results", "node_modules"];
        return Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part)));
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"docs/([A-Za-z0-9_-]+\.md)")]
    private static partial Regex DocsPage();
}
