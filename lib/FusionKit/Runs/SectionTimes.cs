using System.Globalization;

namespace FusionKit.Runs;

/// <summary>
/// How long computing each section of the main job takes, as measured on a 2-core machine with the embeddings
/// already cached. Smoke and default profile: measured 2026-12-01 on a quiet 2-core AMD EPYC (fp32 embeddings, the
/// <c>auto</c> precision there), the five sections two at a time in section workers (<c>--jobs 2</c>), each slowed by the
/// job beside it; the runs' timing.csv. Smoke (<c>./fusionkit case-study --profile smoke</c>): case study 7 s, fusion
/// 16 s, retrieval 5 s, zero-shot 5 s, interaction 37 s. Default (<c>./fusionkit case-study</c>): case study 10.3,
/// interaction 17.6 (its models one after another, as in a section worker; computed in the run's own process they train
/// in the run's jobs), fusion 5.0, zero-shot 3.3 and retrieval 2.3 minutes. A first run also embeds the images (default
/// profile, measured 2026-12-01 on a 2-core Xeon: 10.5 minutes in bf16, 17 in fp32). Generation,
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
        [("smoke", RunSection.CaseStudy)] = TimeSpan.FromSeconds(7),
        [("smoke", RunSection.Fusion)] = TimeSpan.FromSeconds(16),
        [("smoke", RunSection.Retrieval)] = TimeSpan.FromSeconds(5),
        [("smoke", RunSection.ZeroShot)] = TimeSpan.FromSeconds(5),
        [("smoke", RunSection.Interaction)] = TimeSpan.FromSeconds(37),
        [("smoke", RunSection.Generation)] = TimeSpan.FromSeconds(52),
        [("default", RunSection.CaseStudy)] = TimeSpan.FromMinutes(10.3),
        [("default", RunSection.Fusion)] = TimeSpan.FromMinutes(5.0),
        [("default", RunSection.Retrieval)] = TimeSpan.FromMinutes(2.3),
        [("default", RunSection.ZeroShot)] = TimeSpan.FromMinutes(3.3),
        [("default", RunSection.Interaction)] = TimeSpan.FromMinutes(17.6),
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
