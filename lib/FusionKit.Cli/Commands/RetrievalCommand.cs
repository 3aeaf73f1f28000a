using System.Globalization;
using FusionKit.Experiments;
using FusionKit.Platform;
using Microsoft.Data.Analysis;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit retrieval`: retrieval by predicted class and text&lt;-&gt;image retrieval in a joint space (<see cref="RetrievalExperiment"/>).</summary>
public sealed class RetrievalCommand : ICliCommand
{
    public string Name => "retrieval";
    public string Summary => "Image retrieval by classification results and text<->image retrieval in a joint space; tables as CSV/JSON.";
    public string Usage => """
        fusionkit retrieval [--profile smoke|default] [--threads N]

        Over the profile's seeds: (a) trains an image-only classifier, retrieves test images by predicted class
        ranked by cosine, and reports P@K, R@K and mAP against the true classes (with a bootstrap 95% CI over the
        queries of the first seed); (b) trains CLIP-style joint spaces on training images paired with label
        descriptions and with simulated product titles (MiniLM, cached) and reports text->image and image->text
        R@1/5/10, median rank and mAP. Identical titles are one text (never each other's negatives in training, one
        query in evaluation). The side-text space is scored with exact-text relevance (a title is relevant to the
        images carrying exactly that title) and with class-level relevance (a title is relevant to every image of the class it
        names; titles naming no class are not queries). Writes retrieval.csv, retrieval-intervals.csv and retrieval.json under
        results/<run-id>/.
          --profile   smoke: 100 train + 50 test images per class, 1 seed; default: all, seeds 0,1,2 (FUSIONKIT_PROFILE)
          --threads   torch and encoder threads (default 1)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var profile = ExperimentCli.Profile(args);
        var threads = args.Int("threads", 1, min: 1, max: 256);
        args.EnsureAllUsed();

        var (data, embed) = ExperimentCli.Load(profile, threads, output);
        var result = RetrievalExperiment.Run(data, embed, new RetrievalExperimentOptions { Threads = threads }, log: output);
        output.WriteLine();
        output.WriteLine(ExperimentCli.Format(result.ToDataFrame(), "task", "setting", "metric", "value"));
        foreach (var note in result.Notes()) output.WriteLine(note);
        output.WriteLine($"bootstrap 95% intervals over the test queries, seed {result.Seeds[0]}:");
        output.WriteLine(ExperimentCli.Format(result.IntervalsDataFrame(), "metric", "value"));
        var folder = ExperimentCli.RunFolder("retrieval", profile);
        foreach (var path in result.Save(folder)) output.WriteLine($"wrote {path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"retrieval: done in {result.Seconds:F1} s"));
        return 0;
    }
}
