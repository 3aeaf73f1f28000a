namespace FusionKit.Cli;

/// <summary>
/// One `fusionkit` sub-command. Commands are found by reflection: add a public class with a parameterless
/// constructor implementing this interface in Commands/ and it is listed by `fusionkit help`.
/// </summary>
public interface ICliCommand
{
    /// <summary>Words that select the command, e.g. "doctor" or "bench embed".</summary>
    string Name { get; }

    /// <summary>One line for `fusionkit help`.</summary>
    string Summary { get; }

    /// <summary>Full usage text, options included, for `fusionkit help NAME`.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code (0 success).</summary>
    int Run(CliArguments args, TextWriter output);
}
