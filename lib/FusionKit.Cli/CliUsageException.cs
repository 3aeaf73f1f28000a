namespace FusionKit.Cli;

/// <summary>
/// A mistake on the command line that only the running command can see (two options that exclude each other, a
/// run folder that does not exist): the message names the argument and says what to give instead. The CLI prints
/// it on one line and exits with 2, like a parse error.
/// </summary>
public sealed class CliUsageException(string message) : Exception(message);
