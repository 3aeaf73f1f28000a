using System.Globalization;

namespace FusionKit.Runs;

/// <summary>
/// How long computing each section of the main job takes, as measured on a 2-core machine with the embeddings
/// already cached. Smoke profile: measured 2026-11-30 in a fresh-clone smoke main job on a quiet 2-core machine, two
/// sections at a time (<c>--jobs 2</c>, bf16 embeddings): case study 8 s, fusion 13 s, retrieval 10 s, zero-shot 9 s,
/// interaction 39 s. Default profile: measured 2026-12-01 in a fresh-clone default main job on a quiet 2-core machine
/// (<c>./fusionkit case-study</c>: bf16 embeddings, the five sections two at a time in section workers, each slowed by the
/// job beside it; the run's timing.csv): case study 20.9, interaction 14.2 (its models one after another, as in a section
/// worker; computed in the run's own process they train in the run's jobs), zero-shot 9.8, retrieval 6.8 and fusion 5.9
/// minutes. Since then the zero-shot and retrieval models train with settings chosen for speed on validation data
/// (docs/training.md): their figures are those times divided by the speed-ups of the sections measured back to back,
/// each beside another job, on a 2-core AMD EPYC on 2026-12-01 (zero-shot 491 s before, 161 s after: 3.2 minutes;
/// retrieval 261 s before, 234 s after: 6.1 minutes). A first run also embeds the images (default profile, measured 2026-12-01: 10.5 minutes in bf16, 17 in fp32). Generation,
/// measured 2026-11-30 with its GANs trained side by side in two
/// jobs (as when the section is computed in the run's own process, e.g. <c>--sections generation</c>): smoke 52 s
/// (<c>fusionkit case-study --profile smoke --sections generation</c>), default 34 minutes (<c>fusionkit gan evaluate
/// --profile default --jobs 2</c>: nine GANs of three seeds, 3,731 s of training one per core and 138 s of judging); inside
/// a section worker its GANs train one after another, about twice as long. Notebooks quote these before computing anything, so nothing long starts without being asked
/// for, and the pipeline starts the longest sections first. These are fixed figures from earlier measurements, for
/// planning; the measured source of a run's times is the timing table the run writes itself (<see cref="RunTiming"/>:
/// timing.csv in its run folder and report.html), which also records the machine's cores, the jobs and threads used and
/// its load average.
/// </summary>
public static class SectionTimes
{
    private static readonly Dictionary<(string Profile, RunSection Section), TimeSpan> Measured = new()
    {
        [("smoke", RunSection.CaseStudy)] = TimeSpan.FromSeconds(8),
        [("smoke", RunSection.Fusion)] = TimeSpan.FromSeconds(13),
        [("smoke", RunSection.Retrieval)] = TimeSpan.FromSeconds(10),
        [("smoke", RunSection.ZeroShot)] = TimeSpan.FromSeconds(9),
        [("smoke", RunSection.Interaction)] = TimeSpan.FromSeconds(39),
        [("smoke", RunSection.Generation)] = TimeSpan.FromSeconds(52),
        [("default", RunSection.CaseStudy)] = TimeSpan.FromMinutes(20.9),
        [("default", RunSection.Fusion)] = TimeSpan.FromMinutes(5.9),
        [("default", RunSection.Retrieval)] = TimeSpan.FromMinutes(6.1),
        [("default", RunSection.ZeroShot)] = TimeSpan.FromMinutes(3.2),
        [("default", RunSection.Interaction)] = TimeSpan.FromMinutes(14.2),
        [("default", RunSection.Generation)] = TimeSpan.FromMinutes(34),
    };

    /// <summary>The measured time of the section on the named profile, or null for a profile never measured.</summary>
    public static TimeSpan? Of(RunSection section, string profileName) =>
        Measured.TryGetValue((profileName, section), out var time) ? time : null;

    /// <summary>E.g. "about 28 s on the smoke profile (2 cores, embeddings cached)".</summary>
    public static string Describe(RunSection section, string profileName) =>
        Of(section, profileName) is { } time
            ? $"about {Format(time)} on the {profileName} profile (measured on 2 cores, embeddings cached)"
            : $"an unmeasured time on the {profileName} profile";

    /// <summary>The time alone: "28 s", "5.6 min" or "not measured".</summary>
    public static string Short(RunSection section, string profileName) =>
        Of(section, profileName) is not { } time ? "not measured" : Format(time);

    /// <summary>"28 s" under two minutes, else "5.6 min".</summary>
    public static string Format(TimeSpan time) =>
        time < TimeSpan.FromMinutes(2)
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:0.#} min");
}
