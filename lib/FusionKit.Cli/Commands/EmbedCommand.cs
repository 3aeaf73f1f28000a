using System.Diagnostics;
using FusionKit.Evaluation;
using FusionKit.Experiments;
using FusionKit.Platform;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit embed`: doctor, then embed the bundled data (images and label texts) into the cache.</summary>
public sealed class EmbedCommand : ICliCommand
{
    public string Name => "embed";
    public string Summary => "Check the machine, then embed the bundled Fashion-MNIST images and label texts (cached, resumable).";
    public string Usage => """
        fusionkit embed [--profile smoke|default] [--image-encoder resnet18-onnx|resnet18-torch] [--threads N]

        Runs the doctor checks, then embeds the profile's train / validation / test images with the image encoder
        and the ten class-label texts with every text encoder (wordvec, minilm), through the embedding cache
        (.cache/embeddings; FUSIONKIT_CACHE overrides). Progress is printed periodically; Ctrl+C stops after the
        current shard and a rerun resumes. Ends with a nearest-centroid probe of the image embeddings.
          --profile        smoke: 100 train + 50 test images per class; default: all 70,000 (FUSIONKIT_PROFILE)
          --threads        encoder threads (default: all cores)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var profile = ExperimentCli.Profile(args);
        var options = new EmbeddingOptions
        {
            ImageEncoder = args.String("image-encoder", "resnet18-onnx"),
            Threads = args.Int("threads", Math.Max(1, Environment.ProcessorCount), min: 1, max: 256),
        };
        args.EnsureAllUsed();

        var failed = Diagnostics.Run().Where(c => !c.Ok).ToList();
        if (failed.Count > 0)
        {
            foreach (var f in failed) output.WriteLine($"doctor: FAIL {f.Name}: {f.Detail}");
            return 1;
        }
        output.WriteLine($"doctor: ok (TorchSharp {TorchRuntime.Report?.Adjustments.Count ?? 0} adjustment(s); `fusionkit doctor` lists them)");

        using var cancel = CancelOnCtrlC();
        var clock = Stopwatch.StartNew();
        var data = FashionMnistEmbeddings.Load(profile, options, output, cancel.Token);
        output.WriteLine($"image embeddings: {data.Train.Images.Dimension}-d from {data.ImageEncoder}");
        foreach (var (name, matrix) in data.LabelEmbeddings)
            output.WriteLine($"label-text embeddings: {name}, {matrix.Rows} labels x {matrix.Dimension}-d");
        var probe = NearestCentroid.Fit(data.Train.Images, data.Train.Labels, data.ClassCount);
        var accuracy = ClassificationMetrics.Accuracy(data.Test.Labels, probe.Predict(data.Test.Images));
        output.WriteLine($"nearest-centroid probe on the test images: accuracy {accuracy:F3} (pretrained ResNet18 features; random weights give about 0.47)");
        output.WriteLine($"embed: done in {clock.Elapsed:h\\:mm\\:ss}; cache: {Path.Combine(KitPaths.CacheDirectory(), "embeddings")}");
        return 0;
    }

    internal static CancellationTokenSource CancelOnCtrlC()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // let the current shard finish and the cache stay consistent
            cts.Cancel();
        };
        return cts;
    }
}
