using System.Globalization;

namespace FusionKit.Runs;

/// <summary>
/// How long computing each section of the main job takes, as measured on a 2-core machine with the embeddings
/// already cached (the figures of the README's quick start): smoke profile 20 s case study, 28 s fusion, 9 s
/// retrieval, 10 s zero-shot; default profile 13, 5.6, 5.2 and 10.2 minutes. A first run also embeds the images
/// (default profile: about 15 minutes). The interaction section's smoke figure is an ESTIMATE, not a measurement of the
/// section: its smoke run measured 60-160 s on a quiet 2-core machine, so 160 s is quoted (<see cref="IsEstimate"/>);
/// its default-profile time is not measured. The generation section's smoke figure is an ESTIMATE too: its preset's text
/// GAN (960 steps of batch 16) took 70 s of CPU time on a busy 2-core machine, the one-hot baseline trains the same
/// steps and the judge took 12-20 s, so about 170 s on a quiet machine is quoted (the section was not timed as a whole). Notebooks quote these before computing anything, so nothing long starts
/// without being asked for. These are fixed figures from earlier measurements, for planning; the measured source of a run's
/// times is the timing table the run writes itself (<see cref="RunTiming"/>: timing.csv in its run folder and report.html),
/// which also records the machine's cores, the jobs and threads used and its load average.
/// </summary>
public static class SectionTimes
{
    private static readonly Dictionary<(string Profile, RunSection Section), TimeSpan> Measured = new()
    {
        [("smoke", RunSection.CaseStudy)] = TimeSpan.FromSeconds(20),
        [("smoke", RunSection.Fusion)] = TimeSpan.FromSeconds(28),
        [("smoke", RunSection.Retrieval)] = TimeSpan.FromSeconds(9),
        [("smoke", RunSection.ZeroShot)] = TimeSpan.FromSeconds(10),
        [("smoke", RunSection.Interaction)] = TimeSpan.FromSeconds(160),
        [("smoke", RunSection.Generation)] = TimeSpan.FromSeconds(170),
        [("default", RunSection.CaseStudy)] = TimeSpan.FromMinutes(13),
        [("default", RunSection.Fusion)] = TimeSpan.FromMinutes(5.6),
        [("default", RunSection.Retrieval)] = TimeSpan.FromMinutes(5.2),
        [("default", RunSection.ZeroShot)] = TimeSpan.FromMinutes(10.2),
    };

    /// <summary>What each estimate rests on.</summary>
    private static readonly Dictionary<(string Profile, RunSection Section), string> Estimated = new()
    {
        [("smoke", RunSection.Interaction)] = "60-160 s measured on a quiet 2-core machine, embeddings cached",
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
