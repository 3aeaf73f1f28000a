using System.CommandLine;
using FusionKit.Platform;
using FusionKit.Vision;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit doctor`: what the kit found on this machine, and what is missing.</summary>
public sealed class DoctorCommand : CliCommand
{
    public DoctorCommand() : base("doctor", "Check packages, native libraries, torch device/threads, models and data; fail naming what is missing.")
    {
    }

    public override string Details => """
        Prints package versions, the torch device and threads, the models and data the kit found, and the
        adjustments it made to load TorchSharp here, and the image precision --precision auto picks here and why
        (docs/precision.md). Exits 1 naming each missing piece.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var output = context.Output;
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        var checks = Diagnostics.Run().Append(new DiagnosticCheck("image precision", true, $"{ImagePrecisionChoice.Name(precision)}: {reason}")).ToList();
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
