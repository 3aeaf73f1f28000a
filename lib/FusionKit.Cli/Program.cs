using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;

namespace FusionKit.Cli;

/// <summary>
/// Entry point of `fusionkit`: a System.CommandLine root with one command per <see cref="CliCommand"/> in
/// <c>Commands/</c>. Exit codes: 0 success; 1 the work failed (the message says why); 2 a usage error (unknown
/// option, stray word, bad value: one line naming it); 130 interrupted by Ctrl+C (finished work kept).
/// </summary>
public static class Program
{
    /// <summary>Exit code of a usage error.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code after Ctrl+C.</summary>
    public const int Interrupted = 130;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI in-process (the tests call this).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // `fusionkit help [COMMAND]` is `fusionkit [COMMAND] --help`; `fusionkit` alone shows the overview.
        if (args is [] or ["help"]) args = ["--help"];
        else if (args is ["help", .. var topic]) args = [.. topic, "--help"];

        var (root, names) = BuildRoot(DiscoverCommands(), output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            var name = names.GetValueOrDefault(parse.CommandResult.Command, "fusionkit");
            foreach (var line in ErrorLines(parse)) error.WriteLine($"{name}: {line}");
            error.WriteLine($"`{name} --help` lists the options.");
            return UsageError;
        }
        if (parse.Action is CommandHelpAction)
        {
            // Help names the program after its assembly (FusionKit.Cli); users type fusionkit.
            var help = new StringWriter();
            var code = parse.Invoke(Configuration(help, error));
            output.Write(help.ToString().Replace($"  {RootCommand.ExecutableName} ", "  fusionkit ", StringComparison.Ordinal));
            return code;
        }
        return parse.Invoke(Configuration(output, error));
    }

    private static InvocationConfiguration Configuration(TextWriter output, TextWriter error) => new()
    {
        Output = output,
        Error = error,
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = null, // Ctrl+C is handled per command (CliCommand.Resumable)
    };

    /// <summary>Every command of the CLI, found by reflection, ordered by name.</summary>
    public static IReadOnlyList<CliCommand> DiscoverCommands() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(CliCommand).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (CliCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The root command with a (sub)command per <see cref="CliCommand"/> and the full name of every command.</summary>
    public static (RootCommand Root, IReadOnlyDictionary<Command, string> Names) BuildRoot(IReadOnlyList<CliCommand> commands, TextWriter output, TextWriter error)
    {
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var root = new RootCommand($"fusionkit {version}: fuse text and image embeddings. `fusionkit COMMAND --help` shows a command's options.");
        var names = new Dictionary<Command, string> { [root] = "fusionkit" };
        var details = new Dictionary<Command, string>();
        foreach (var cli in commands)
        {
            var words = cli.Name.Split(' ');
            Command parent = root;
            for (var i = 0; i < words.Length - 1; i++)
            {
                var group = parent.Subcommands.FirstOrDefault(c => c.Name == words[i]);
                if (group is null)
                {
                    group = new Command(words[i], $"{words[i]} commands: `fusionkit {string.Join(' ', words[..(i + 1)])} COMMAND --help`");
                    parent.Subcommands.Add(group);
                    names[group] = "fusionkit " + string.Join(' ', words[..(i + 1)]);
                }
                parent = group;
            }
            if (parent.Subcommands.Any(c => c.Name == words[^1]))
                throw new InvalidOperationException($"Two commands are named '{cli.Name}'.");
            var command = cli.Build((c, parse) => Invoke(c, parse, output, error));
            parent.Subcommands.Add(command);
            names[command] = "fusionkit " + cli.Name;
            if (cli.Details.Length > 0) details[command] = cli.Details;
        }
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new CommandHelpAction(details);
        return (root, names);
    }

    /// <summary>One line per parse error; unmatched words are named as unknown options or unexpected arguments (only the
    /// unknown options when there are some: the words after them are most likely their values).</summary>
    private static IEnumerable<string> ErrorLines(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens;
        var unknownOptions = unmatched.Where(t => t.StartsWith('-')).ToList();
        foreach (var token in unknownOptions.Count > 0 ? unknownOptions : unmatched)
            yield return token.StartsWith('-')
                ? $"unknown option '{token}'."
                : $"unexpected argument '{token}': this command takes no such word (options start with --).";
        foreach (var e in parse.Errors)
            if (!unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)))
                yield return e.Message;
    }

    private static int Invoke(CliCommand command, ParseResult parse, TextWriter output, TextWriter error)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler? onCtrlC = null;
        if (command.Resumable)
        {
            // A worker of another run gets Ctrl+C twice (from the terminal and forwarded by the run that started it): it
            // always finishes its batch; the run that started it is the one a second Ctrl+C ends.
            var worker = parse.Tokens.Any(t => t.Value == Commands.CaseStudyCommand.WorkerOption);
            onCtrlC = (_, e) =>
            {
                // The first Ctrl+C lets the current batch finish so caches and results stay whole; a second one ends the process.
                e.Cancel = worker || !cancel.IsCancellationRequested;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCtrlC;
        }
        var name = "fusionkit " + command.Name;
        try
        {
            return command.Run(parse, new CliContext(output, cancel.Token));
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"{name}: {e.Message}");
            error.WriteLine($"`{name} --help` lists the options.");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"{name}: interrupted; finished work is kept and a rerun resumes from it.");
            return Interrupted;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException
                                      or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"{name}: {MessageOf(e)}");
            return 1;
        }
        finally
        {
            if (onCtrlC is not null) Console.CancelKeyPress -= onCtrlC;
        }
    }

    /// <summary>The exception's message without .NET's " (Parameter 'name')" suffix, which means nothing to a user.</summary>
    private static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } param } a ? a.Message.Replace($" (Parameter '{param}')", "", StringComparison.Ordinal) : e.Message;

    /// <summary>Help with each command's <see cref="CliCommand.Details"/> under its summary (the command list shows summaries only).</summary>
    private sealed class CommandHelpAction(IReadOnlyDictionary<Command, string> details) : SynchronousCommandLineAction
    {
        /// <summary>Help is shown even when the rest of the line has errors (a missing argument, a bad value).</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            var summary = command.Description;
            var output = parseResult.InvocationConfiguration.Output;
            var help = new HelpAction { MaxWidth = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? Math.Max(80, Console.WindowWidth) : 140 };
            if (!details.TryGetValue(command, out var text)) return help.Invoke(parseResult);
            command.Description = summary + "\n\n" + text.TrimEnd();
            try
            {
                return help.Invoke(parseResult);
            }
            finally
            {
                command.Description = summary;
            }
        }
    }
}
