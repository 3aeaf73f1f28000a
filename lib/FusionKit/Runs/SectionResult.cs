using FusionKit.Experiments.CaseStudy;
using FusionKit.Experiments.FusionComparison;
using FusionKit.Experiments.Retrieval;
using FusionKit.Experiments.ZeroShot;
using FusionKit.Results;
using Microsoft.Data.Analysis;

namespace FusionKit.Runs;

/// <summary>
/// The summary of one finished section of a run (case study, fusion, retrieval, zero-shot or interaction): its table of means and standard
/// deviations over seeds, what it ran with, and how long it took. Saved as <c>&lt;section&gt;/section.json</c>
/// (<see cref="SectionStore"/>) next to the section's own CSV/JSON files.
/// </summary>
/// <param name="Section">Which section.</param>
/// <param name="ProfileName">The run profile's name.</param>
/// <param name="Seeds">Model seeds the means and standard deviations are over.</param>
/// <param name="Settings">The section's settings (JSON or a one-line description); a resume with other settings is refused.</param>
/// <param name="Table">The section's result table in the one shape (setting columns plus metric, mean, std, n): <see cref="CaseStudyResult.Table"/>, <see cref="SweepResult.Table"/>, <see cref="RetrievalResult.Table"/>, <see cref="ZeroShotResult.Table"/>, <see cref="FusionKit.Experiments.Interaction.InteractionResult.Summary"/> or the generation section's.</param>
/// <param name="Seconds">Wall-clock seconds the section took when it ran.</param>
public sealed record SectionResult(RunSection Section, string ProfileName, IReadOnlyList<int> Seeds, string Settings, ResultTable Table, double Seconds)
{
    /// <summary>What a saved section must match to be reused: section, profile, seeds and settings, hashed.</summary>
    public string Fingerprint => FingerprintOf(Section, ProfileName, Seeds, Settings);

    /// <summary>The hash <see cref="Fingerprint"/> is made of.</summary>
    public static string FingerprintOf(RunSection section, string profileName, IReadOnlyList<int> seeds, string settings) =>
        CaseStudyStore.Sha256($"{RunSections.Name(section)}|{profileName}|{string.Join(",", seeds)}|{settings}");

    /// <summary>The table with "mean ± std" text cells: the section's headline (<see cref="SectionTables.Headline(SectionResult, int)"/>).</summary>
    public DataFrame Headline() => SectionTables.Headline(this);
}
