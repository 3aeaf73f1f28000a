using System.Globalization;

namespace FusionKit.Runs;

/// <summary>
/// How long computing each section of the main job takes, as measured on a 2-core machine with the embeddings
/// already cached. Smoke profile: measured 2026-11-30 in a fresh-clone smoke main job on a quiet 2-core machine, two
/// sections at a time (<c>--jobs 2</c>, bf16 embeddings): case study 8 s, fusion 13 s, retrieval 10 s, zero-shot 9 s,
/// interaction 39 s. Default profile: case study 13, fusion 5.6, retrieval 5.2 and zero-shot 10.2 minutes (an earlier
/// measurement, fp32 embeddings, one section at a time), interaction 18.5 minutes (the experiment's three seeds, 1,111 s,
/// measured 2026-11-30 with two threads on a partly shared 2-core machine; the figure of a section worker, which trains its
/// models one after another; computed in the run's own process its models train in the run's jobs: 387.5 s with two). A first run also embeds the images (default
/// profile: about 11 minutes in bf16, 21 in fp32). The generation section's smoke figure is an ESTIMATE: its preset's text
/// GAN (960 steps of batch 16) took 70 s of CPU time on a busy 2-core machine, the one-hot baseline trains the same
/// steps and the judge took 12-20 s, so about 170 s on a quiet machine is quoted (the section was not timed as a whole;
/// <see cref="IsEstimate"/>). Notebooks quote these before computing anything, so nothing long starts without being asked
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
        [("smoke", RunSection.Generation)] = TimeSpan.FromSeconds(170),
        [("default", RunSection.CaseStudy)] = TimeSpan.FromMinutes(13),
        [("default", RunSection.Fusion)] = TimeSpan.FromMinutes(5.6),
        [("default", RunSection.Retrieval)] = TimeSpan.FromMinutes(5.2),
        [("default", RunSection.ZeroShot)] = TimeSpan.FromMinutes(10.2),
        [("default", RunSection.Interaction)] = TimeSpan.FromMinutes(18.5),
    };

    /// <summary>What each estimate rests on.</summary>
    private static readonly Dictionary<(string Profile, RunSection Section), string> Estimated = new()
    {
        [("smoke", RunSection.Generation)] = "70 s of CPU time per GAN (text and one-hot) plus 12-20 s for the judge, measured on a busy 2-core machine, embeddings cached",
    };

    /// <summary>True when <see cref="Of"/> is an estimate (a range's upper end) rather than a measurement of the section.</summary>
    public static bool IsEstimate(RunSection section, string profileName) => Estimated.ContainsKey((profileName, section));

    /// <summary>The measured (or, where <see cref="IsEstimate"/>, estimated) time of the section on the named profile, or null for a profile never measured.</summary>
    public static TimeSpan? Of(RunSection section, string profileName) =>
        Measured.TryGetValue((profileName, section), out var time) ? time : null;

    /// <summary>E.g. "about 28 s on the smoke profile (2 cores, embeddings cached)".</summary>
    public static string Describe(RunSection section, string profileName) =>
        Of(section, profileName) is { } time
            ? IsEstimate(section, profileName)
                ? $"up to about {Format(time)} on the {profileName} profile (an estimate: {Estimated[(profileName, section)]})"
                : $"about {Format(time)} on the {profileName} profile (measured on 2 cores, embeddings cached)"
            : $"an unmeasured time on the {profileName} profile";

    /// <summary>The time alone: "28 s", "up to 2.7 min (estimate)" or "not measured".</summary>
    public static string Short(RunSection section, string profileName) =>
        Of(section, profileName) is not { } time ? "not measured"
        : IsEstimate(section, profileName) ? $"up to {Format(time)} (estimate)"
        : Format(time);

    /// <summary>"28 s" under two minutes, else "5.6 min".</summary>
    public static string Format(TimeSpan time) =>
        time < TimeSpan.FromMinutes(2)
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:0.#} min");
}
