namespace FusionKit.Runs;

/// <summary>Names of <see cref="RunSection"/>s ("case-study", "fusion", "retrieval", "zero-shot", "interaction", "generation") and parsing of lists of them.</summary>
public static class RunSections
{
    /// <summary>Every section, in the order the main job runs them.</summary>
    public static IReadOnlyList<RunSection> All { get; } = [RunSection.CaseStudy, RunSection.Fusion, RunSection.Retrieval, RunSection.ZeroShot, RunSection.Interaction, RunSection.Generation];

    /// <summary>
    /// The sections <c>fusionkit case-study</c> runs when <c>--sections</c> is not given: every section but generation, which
    /// runs only when named: on the default profile it trains nine GANs (text, one-hot and unconditional for three seeds),
    /// 34 minutes on 2 cores with its GANs side by side (<see cref="SectionTimes"/>), longer than the rest of the main job.
    /// </summary>
    public static IReadOnlyList<RunSection> MainJob { get; } = All.Where(s => s != RunSection.Generation).ToArray();

    /// <summary>The section's name on the command line; also the name of its subfolder of a run folder.</summary>
    public static string Name(RunSection section) => section switch
    {
        RunSection.CaseStudy => "case-study",
        RunSection.Fusion => "fusion",
        RunSection.Retrieval => "retrieval",
        RunSection.ZeroShot => "zero-shot",
        RunSection.Interaction => "interaction",
        RunSection.Generation => "generation",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a run section."),
    };

    /// <summary>Every section's name, in run order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(Name).ToArray();

    /// <summary>
    /// Parses a comma-separated list such as "fusion,zero-shot" (spaces around names ignored); the result is in run
    /// order whatever the order given.
    /// </summary>
    /// <exception cref="ArgumentException">An empty list, an unknown name (the valid ones are listed) or a name given twice.</exception>
    public static IReadOnlyList<RunSection> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException($"Name at least one section: {string.Join(", ", Names)}.", nameof(text));
        var chosen = new List<RunSection>();
        foreach (var part in parts)
        {
            var section = All.Where(s => Name(s) == part).Cast<RunSection?>().FirstOrDefault()
                ?? throw new ArgumentException($"Unknown section '{part}': use any of {string.Join(", ", Names)} (comma-separated).", nameof(text));
            if (chosen.Contains(section)) throw new ArgumentException($"Section '{part}' is given twice.", nameof(text));
            chosen.Add(section);
        }
        return All.Where(chosen.Contains).ToArray();
    }
}
