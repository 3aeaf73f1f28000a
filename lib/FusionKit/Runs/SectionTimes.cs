using System.Globalization;
using FusionKit.Experiments;

namespace FusionKit.Runs;

/// <summary>
/// How long computing each section of the main job takes, as measured on a 2-core machine with the embeddings
/// already cached (the figures of the README's quick start): smoke profile 20 s case study, 28 s fusion, 9 s
/// retrieval, 10 s zero-shot; default profile 13, 5.6, 5.2 and 10.2 minutes. A first run also embeds the images
/// (default profile: about 15 minutes). Notebooks quote these before computing anything, so nothing long starts
/// without being asked for.
/// </summary>
public static class SectionTimes
{
    private static readonly Dictionary<(string Profile, RunSection Section), TimeSpan> Measured = new()
    {
        [("smoke", RunSection.CaseStudy)] = TimeSpan.FromSeconds(20),
        [("smoke", RunSection.Fusion)] = TimeSpan.FromSeconds(28),
        [("smoke", RunSection.Retrieval)] = TimeSpan.FromSeconds(9),
        [("smoke", RunSection.ZeroShot)] = TimeSpan.FromSeconds(10),
        [("default", RunSection.CaseStudy)] = TimeSpan.FromMinutes(13),
        [("default", RunSection.Fusion)] = TimeSpan.FromMinutes(5.6),
        [("default", RunSection.Retrieval)] = TimeSpan.FromMinutes(5.2),
        [("default", RunSection.ZeroShot)] = TimeSpan.FromMinutes(10.2),
    };

    /// <summary>The measured time of the section on the named profile, or null for a profile never measured.</summary>
    public static TimeSpan? Of(RunSection section, string profileName) =>
        Measured.TryGetValue((profileName, section), out var time) ? time : null;

    /// <summary>E.g. "about 28 s on the smoke profile (2 cores, embeddings cached)".</summary>
    public static string Describe(RunSection section, string profileName) =>
        Of(section, profileName) is { } time
            ? $"about {Format(time)} on the {profileName} profile (measured on 2 cores, embeddings cached)"
            : $"an unmeasured time on the {profileName} profile";

    /// <summary>"28 s" under two minutes, else "5.6 min".</summary>
    public static string Format(TimeSpan time) =>
        time < TimeSpan.FromMinutes(2)
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:0.#} min");
}
