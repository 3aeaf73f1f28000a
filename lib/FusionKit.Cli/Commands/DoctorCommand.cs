using System.CommandLine;
using FusionKit.Platform;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit doctor`: what the kit found on this machine, and what is missing.</summary>
public sealed class DoctorCommand : CliCommand
{
    public DoctorCommand() : base("doctor", "Check packages, native libraries, torch device/threads, models and data; fail naming what is missing.")
    {
    }

    public override string Details => """
        Prints package versions, the torch device and threads, the models and data the kit found, and the
        adjustments it made to load TorchSharp here. Exits 1 naming each missing piece.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        var checks = Diagnostics.Run();
        foreach (var c in checks)
            output.WriteLine($"{(c.Ok ? "ok  " : "FAIL")}  {c.Name,-22} {c.Detail}");
        var failed = checks.Where(c => !c.Ok).ToList();
        if (failed.Count == 0)
        {
            output.WriteLine("doctor: everything the kit needs was found.");
            return 0;
        }
        output.WriteLine($"doctor: {failed.Count} problem(s): {string.Join("; ", failed.Select(f => $"{f.Name}: {f.Detail}"))}");
        return 1;
    }
}
