using System.Reflection;

namespace FusionKit.Cli;

/// <summary>Entry point of `fusionkit`: picks a sub-command by its leading words.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI in-process (the tests call this).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var commands = DiscoverCommands();
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            var topic = args.Skip(1).ToArray();
            var chosen = topic.Length > 0 ? Match(commands, topic) : null;
            output.WriteLine(chosen is null ? Overview(commands) : chosen.Value.Command.Usage);
            return 0;
        }
        var match = Match(commands, args);
        if (match is null)
        {
            error.WriteLine($"fusionkit: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'.");
            error.WriteLine(Overview(commands));
            return 2;
        }
        var (command, consumed) = match.Value;
        try
        {
            var parsed = new CliArguments(args.Skip(consumed));
            return command.Run(parsed, output);
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"fusionkit {command.Name}: {e.Message}");
            error.WriteLine(command.Usage);
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"fusionkit {command.Name}: interrupted; finished work is kept and a rerun resumes from it.");
            return 130;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
                                      or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            error.WriteLine($"fusionkit {command.Name}: {e.Message}");
            return 1;
        }
    }

    internal static IReadOnlyList<ICliCommand> DiscoverCommands() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    private static (ICliCommand Command, int Consumed)? Match(IReadOnlyList<ICliCommand> commands, string[] args)
    {
        // Longest name wins, so "bench embed" beats a hypothetical "bench".
        foreach (var c in commands.OrderByDescending(c => c.Name.Split(' ').Length))
        {
            var words = c.Name.Split(' ');
            if (args.Length >= words.Length && words.Select((w, i) => w == args[i]).All(x => x))
                return (c, words.Length);
        }
        return null;
    }

    private static string Overview(IReadOnlyList<ICliCommand> commands)
    {
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var width = commands.Count == 0 ? 0 : commands.Max(c => c.Name.Length);
        var lines = commands.Select(c => $"  {c.Name.PadRight(width)}  {c.Summary}");
        return $"fusionkit {version} - fuse text and image embeddings\n\nUsage: fusionkit COMMAND [options]\n\nCommands:\n{string.Join('\n', lines)}\n\n`fusionkit help COMMAND` shows a command's options.";
    }
}
