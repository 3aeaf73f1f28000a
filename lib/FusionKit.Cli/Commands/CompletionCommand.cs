using System.CommandLine;

namespace FusionKit.Cli.Commands;

/// <summary>
/// `fusionkit completion bash|zsh`: prints a shell function that completes fusionkit's commands, options and option
/// values by asking fusionkit itself (System.CommandLine's <c>[suggest]</c> directive), so completion always matches
/// the declared options.
/// </summary>
public sealed class CompletionCommand : CliCommand
{
    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        ["bash"] = """
            # fusionkit tab completion for bash: source this file, e.g. from ~/.bashrc:
            #   source <(./fusionkit completion bash)
            _fusionkit_complete() {
                local line="${COMP_LINE:0:$COMP_POINT}"
                local rest="${line#* }"
                [[ "$rest" == "$line" ]] && rest=""
                local IFS=$'\n'
                COMPREPLY=($("${COMP_WORDS[0]}" "[suggest:${#rest}]" "$rest" 2>/dev/null | grep -- "^${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _fusionkit_complete fusionkit ./fusionkit
            """,
        ["zsh"] = """
            # fusionkit tab completion for zsh: source this file, e.g. from ~/.zshrc:
            #   source <(./fusionkit completion zsh)
            _fusionkit_complete() {
                local line="${BUFFER:0:$CURSOR}"
                local rest="${line#* }"
                [[ "$rest" == "$line" ]] && rest=""
                local -a items
                items=("${(@f)$("${words[1]}" "[suggest:${#rest}]" "$rest" 2>/dev/null)}")
                compadd -a items
            }
            compdef _fusionkit_complete fusionkit ./fusionkit
            """,
    };

    private readonly Argument<string> _shell = new Argument<string>("shell")
    {
        Description = "the shell to print the completion script for: bash or zsh",
    }.AcceptOnlyFromAmong([.. Scripts.Keys]);

    public CompletionCommand() : base("completion", "Print the tab-completion script for bash or zsh (source <(./fusionkit completion bash)).")
    {
        Add(_shell);
    }

    public override string Details => """
        The script asks fusionkit for the words that fit where the cursor is, so commands, options and option
        values (profiles, methods, sections) complete as declared. Load it in the current shell with
          source <(./fusionkit completion bash)
        or add that line (with the path of your checkout) to ~/.bashrc; zsh: the same with `completion zsh`.
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        context.Output.WriteLine(Scripts[parse.GetValue(_shell)!]);
        return 0;
    }
}
