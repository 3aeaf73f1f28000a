using System.CommandLine;

namespace FusionKit.Cli;

/// <summary>
/// One `fusionkit` command. To add one, put a public sealed class with a parameterless constructor in
/// <c>Commands/</c> (file name = class name) that derives from this class: it is found by reflection, gets
/// <c>-h/--help</c>, tab completion and the error handling of every command, and is listed by <c>fusionkit help</c>.
/// <list type="number">
/// <item>Pass the command's words (<c>"bench embed"</c>; a group word such as <c>bench</c> is created on first use)
/// and a one-line summary to the base constructor.</item>
/// <item>Declare each option as a field, <c>Option&lt;T&gt;</c> with a <c>Description</c> and, where it has one, a
/// <c>DefaultValueFactory</c> (help prints it), and register it with <see cref="Add{T}(T)"/>. The options every
/// command shares (<c>--profile</c>, <c>--threads</c>, <c>--seeds</c>, <c>--out</c>) come from <see cref="CommonOptions"/>;
/// value checks go in <see cref="OptionRules"/>' validators so a bad value is a parse error that names the option.</item>
/// <item>Override <see cref="Run"/>: read the values from the <see cref="ParseResult"/>, print to
/// <see cref="CliContext.Output"/>, pass <see cref="CliContext.Cancel"/> to long work and return the exit code.</item>
/// </list>
/// Throw <see cref="CliUsageException"/> for a mistake only the command can see (exit 2); the library's
/// <see cref="ArgumentException"/>, <see cref="IOException"/> and the like print their message only (exit 1); a
/// cancellation after Ctrl+C prints how to resume (exit 130).
/// </summary>
public abstract class CliCommand
{
    private readonly List<Symbol> _symbols = [];

    /// <param name="name">The words that select the command, e.g. "doctor" or "bench embed".</param>
    /// <param name="summary">One line, shown by <c>fusionkit help</c> and at the top of the command's help.</param>
    protected CliCommand(string name, string summary)
    {
        Name = name;
        Summary = summary;
    }

    /// <summary>Words that select the command, e.g. "doctor" or "bench embed".</summary>
    public string Name { get; }

    /// <summary>One line for `fusionkit help`.</summary>
    public string Summary { get; }

    /// <summary>What the command does, in a paragraph or two, printed under the summary by `--help`; the options are
    /// described by their own declarations, not here.</summary>
    public virtual string Details => "";

    /// <summary>True when the command stops cleanly at <see cref="CliContext.Cancel"/> and a rerun resumes: Ctrl+C then
    /// cancels the token and the CLI prints how to resume. Otherwise Ctrl+C ends the process at once.</summary>
    public virtual bool Resumable => false;

    /// <summary>Registers an option or argument of this command, in the order help lists it; returns it.</summary>
    protected T Add<T>(T symbol) where T : Symbol
    {
        if (symbol is not (Option or Argument)) throw new ArgumentException("Add options and arguments only.", nameof(symbol));
        _symbols.Add(symbol);
        return symbol;
    }

    /// <summary>The options and arguments declared with <see cref="Add{T}(T)"/>.</summary>
    public IReadOnlyList<Symbol> Symbols => _symbols;

    /// <summary>Runs the command on a successful parse; returns the exit code (0 success).</summary>
    public abstract int Run(ParseResult parse, CliContext context);

    /// <summary>The System.CommandLine command for the last word of <see cref="Name"/>, with the declared symbols.</summary>
    internal Command Build(Func<CliCommand, ParseResult, int> invoke)
    {
        var words = Name.Split(' ');
        var command = new Command(words[^1], Summary);
        foreach (var symbol in _symbols)
        {
            switch (symbol)
            {
                case Option o: command.Options.Add(o); break;
                case Argument a: command.Arguments.Add(a); break;
            }
        }
        command.SetAction(parse => invoke(this, parse));
        return command;
    }
}
