namespace FusionKit.Runs;

/// <summary>One row of a run's timing table (<see cref="RunTiming"/>).</summary>
/// <param name="Scope">"run" (the whole invocation), "section" or "model" (one training of a section).</param>
/// <param name="Section">The section's name; empty on the run row.</param>
/// <param name="Model">The model's name on a model row; empty otherwise.</param>
/// <param name="Seed">The model's seed on a model row; null otherwise.</param>
/// <param name="Status">How the time was spent: "computed" (in this process), "job" (in a worker process), "loaded" (complete
/// before this invocation: the time is that of loading it), "trained" (a model's training, saved with the model).</param>
/// <param name="WallSeconds">Wall-clock seconds.</param>
/// <param name="CpuSeconds">CPU seconds of the process that did the work, or null where not measured (model rows).</param>
public sealed record TimingRow(string Scope, string Section, string Model, int? Seed, string Status, double WallSeconds, double? CpuSeconds);
