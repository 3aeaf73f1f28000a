namespace FusionKit.Data;

/// <summary>
/// How much of the bundled data a run uses and how many seeds it repeats over. <c>smoke</c> is a small
/// stratified subset and one seed (minutes, used by CI and by notebooks under FUSIONKIT_PROFILE=smoke);
/// <c>default</c> is the whole of Fashion-MNIST with three seeds.
/// </summary>
/// <param name="TrainPerClass">Training images per class before the validation split; null = all (6,000).</param>
/// <param name="TestPerClass">Test images per class; null = all (1,000).</param>
/// <param name="ValidationFraction">Share of the training images held out, stratified, for validation and model selection (never the test set).</param>
/// <param name="Seeds">Seeds each experiment is repeated over; means and spreads are reported over them.</param>
public sealed record RunProfile(string Name, int? TrainPerClass, int? TestPerClass, double ValidationFraction, IReadOnlyList<int> Seeds)
{
    /// <summary>The environment variable notebooks and the CLI read when no profile is given.</summary>
    public const string EnvironmentVariable = "FUSIONKIT_PROFILE";

    public static RunProfile Smoke { get; } = new("smoke", TrainPerClass: 100, TestPerClass: 50, ValidationFraction: 0.1, Seeds: [0]);

    public static RunProfile Default { get; } = new("default", TrainPerClass: null, TestPerClass: null, ValidationFraction: 0.1, Seeds: [0, 1, 2]);

    public static IReadOnlyDictionary<string, RunProfile> All { get; } =
        new Dictionary<string, RunProfile>(StringComparer.Ordinal) { ["smoke"] = Smoke, ["default"] = Default };

    /// <summary>The named profile; the error lists the valid names.</summary>
    public static RunProfile Named(string name) =>
        All.TryGetValue(name, out var p) ? p : throw new ArgumentException($"Unknown profile '{name}': use one of {string.Join(", ", All.Keys)}.", nameof(name));

    /// <summary>FUSIONKIT_PROFILE if set, else <paramref name="fallback"/>.</summary>
    public static RunProfile FromEnvironment(string fallback = "default")
    {
        var name = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Named(string.IsNullOrWhiteSpace(name) ? fallback : name.Trim());
    }
}
