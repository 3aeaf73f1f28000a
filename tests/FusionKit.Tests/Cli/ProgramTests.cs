using System.CommandLine;
using FusionKit.Cli;
using FusionKit.Cli.Commands;

namespace FusionKit.Tests.Cli;

/// <summary>The command line's contract: help everywhere, usage errors (exit 2) that name the word, shared options.</summary>
public class ProgramTests
{
    /// <summary>Runs the command line in-process; shared by the CLI tests.</summary>
    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("fuse", "late")]             // used to train the default method, gated, silently
    [InlineData("case-study", "stray")]      // used to start the whole main job
    [InlineData("bench", "train", "extra")]
    public void StrayWord_IsAUsageError_NamingIt(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains($"unexpected argument '{args[^1]}'", error);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(args[^1], StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownOption_IsNamed_WithoutItsValueReportedAsAStrayWord()
    {
        var (code, _, error) = Run("fuse", "--metod", "gated");
        Assert.Equal(2, code);
        Assert.Contains("unknown option '--metod'", error);
        Assert.DoesNotContain("'gated'", error);
    }

    [Fact]
    public void CaseStudy_ShortHelp_PrintsHelpAndRunsNothing()
    {
        var (code, output, error) = Run("case-study", "-h");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output);
        Assert.Contains("fusionkit case-study [options]", output);
        Assert.DoesNotContain("run folder:", output); // the first line the main job prints when it starts
    }

    [Fact]
    public void FuseHelp_ListsEveryOptionWithItsDefault()
    {
        var (code, output, _) = Run("fuse", "--help");
        Assert.Equal(0, code);
        var fuse = new FuseCommand();
        Assert.Equal(21, fuse.Symbols.OfType<Option>().Count());
        foreach (var option in fuse.Symbols.OfType<Option>())
        {
            var row = HelpRow(output, option.Name);
            Assert.True(row.Contains("default", StringComparison.OrdinalIgnoreCase), $"{option.Name} has no default in its help: {row}");
            // A flag (bool) states "default: off" in its description; help prints no [default: False] for it.
            if (option.HasDefaultValue && option.ValueType != typeof(bool)) Assert.Contains($"[default: {DefaultText(option)}]", row);
        }
        Assert.Contains("[default: gated]", HelpRow(output, "--method"));
        Assert.Contains("[default: 0.8]", HelpRow(output, "--reliability"));
    }

    [Fact]
    public void EveryCommand_AnswersShortAndLongHelp_AndEveryOptionStatesItsDefault()
    {
        foreach (var command in Program.DiscoverCommands())
        {
            foreach (var flag in new[] { "-h", "--help" })
            {
                var (code, output, error) = Run([.. command.Name.Split(' '), flag]);
                Assert.True(code == 0, $"{command.Name} {flag}: {error}");
                Assert.Contains($"fusionkit {command.Name}", output);
                Assert.Contains(command.Summary, output);
                foreach (var option in command.Symbols.OfType<Option>().Where(o => !o.Hidden)) // hidden: internal, not for users
                    Assert.True(HelpRow(output, option.Name).Contains("default", StringComparison.OrdinalIgnoreCase),
                                $"{command.Name} {option.Name}: no default in its help");
            }
        }
    }

    [Fact]
    public void HelpCommand_ShowsTheSameHelpAsTheFlag()
    {
        Assert.Equal(Run("zero-shot", "--help").Output, Run("help", "zero-shot").Output);
        var (code, overview, _) = Run();
        Assert.Equal(0, code);
        foreach (var command in Program.DiscoverCommands()) Assert.Contains(command.Name.Split(' ')[0], overview);
    }

    [Fact]
    public void SharedOptions_MeanTheSameInEveryCommand()
    {
        var shared = new Option[] { CommonOptions.Profile(), CommonOptions.Threads(), CommonOptions.Seeds(), CommonOptions.Out() }
            .ToDictionary(o => o.Name, o => o.Description);
        var seen = new HashSet<string>();
        foreach (var option in Program.DiscoverCommands().SelectMany(c => c.Symbols.OfType<Option>()))
        {
            if (!shared.TryGetValue(option.Name, out var description)) continue;
            Assert.Equal(description, option.Description);
            seen.Add(option.Name);
        }
        Assert.Equal(shared.Keys.Order(), seen.Order());
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("all", -1)]
    public void Threads_TakesACountOrAll(string value, int expected)
    {
        var option = CommonOptions.Threads();
        var command = new Command("x") { option };
        var parse = command.Parse(["--threads", value]);
        Assert.Empty(parse.Errors);
        Assert.Equal(expected == -1 ? Math.Max(1, Environment.ProcessorCount) : expected, parse.GetValue(option));
        Assert.Equal(CommonOptions.DefaultThreads, command.Parse([]).GetValue(option));
    }

    [Fact]
    public void Seeds_AreTheProfilesUnlessGiven()
    {
        var option = CommonOptions.Seeds();
        var command = new Command("x") { option };
        Assert.Equal([0, 1, 2], CommonOptions.ResolveSeeds(command.Parse([]), option, FusionKit.Data.RunProfile.Default));
        Assert.Equal([0], CommonOptions.ResolveSeeds(command.Parse([]), option, FusionKit.Data.RunProfile.Smoke));
        Assert.Equal([4, 2], CommonOptions.ResolveSeeds(command.Parse(["--seeds", "4,2"]), option, FusionKit.Data.RunProfile.Smoke));
        Assert.Contains("given twice", command.Parse(["--seeds", "1,1"]).Errors.Single().Message);
    }

    [Fact]
    public void BadInteger_NamesTheOptionAndTheValue()
    {
        var (code, _, error) = Run("bench", "train", "--batch", "many");
        Assert.Equal(2, code);
        Assert.Contains("--batch", error);
        Assert.Contains("many", error);
    }

    [Fact]
    public void UnknownCommand_ExitsWithUsageError()
    {
        var (code, _, error) = Run("no-such-command");
        Assert.Equal(2, code);
        Assert.Contains("unexpected argument 'no-such-command'", error);
    }

    [Fact]
    public void CommandGroup_WithoutSubcommand_IsAUsageError()
    {
        var (code, _, error) = Run("bench");
        Assert.Equal(2, code);
        Assert.Contains("fusionkit bench", error);
    }

    [Fact]
    public void Completion_PrintsAScriptAndTheSuggestDirectiveCompletesValues()
    {
        var (code, script, _) = Run("completion", "bash");
        Assert.Equal(0, code);
        Assert.Contains("complete -o default -F _fusionkit_complete fusionkit", script);
        Assert.Contains("[suggest:", script);
        var (_, methods, _) = Run("[suggest:15]", "fuse --method g"); // the call the script makes
        Assert.Contains("gated", methods.Split('\n', StringSplitOptions.TrimEntries));
        var (_, sections, _) = Run("[suggest:24]", "case-study --sections fu");
        Assert.Contains("fusion", sections.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(2, Run("completion", "fish").Code);
    }

    [Fact]
    public void EveryCommand_HasOneFileInCommandsNamedAfterIt()
    {
        foreach (var command in Program.DiscoverCommands())
        {
            var type = command.GetType();
            Assert.Equal("FusionKit.Cli.Commands", type.Namespace);
            Assert.EndsWith("Command", type.Name);
        }
    }

    /// <summary>The help text from an option's name to the next option row.</summary>
    private static string HelpRow(string help, string name)
    {
        var lines = help.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal) || l.TrimStart() == name
                                                  || l.TrimStart().StartsWith(name + ",", StringComparison.Ordinal));
        Assert.True(start >= 0, $"{name} is not in the help:\n{help}");
        var row = new List<string> { lines[start] };
        for (var i = start + 1; i < lines.Length && !lines[i].TrimStart().StartsWith('-') && lines[i].Trim().Length > 0; i++) row.Add(lines[i]);
        return string.Join(" ", row.Select(l => l.Trim()));
    }

    private static string DefaultText(Option option) =>
        option.GetDefaultValue() switch
        {
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var v => v?.ToString() ?? "",
        };
}
