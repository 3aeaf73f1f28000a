using System.CommandLine;
using System.Diagnostics;
using FusionKit.Embeddings;
using FusionKit.Evaluation;
using FusionKit.Platform;
using FusionKit.Runs;
using FusionKit.Vision;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit embed`: doctor, then embed the bundled data (images and label texts) into the cache.</summary>
public sealed class EmbedCommand : CliCommand
{
    private readonly Option<string?> _profile;
    private readonly Option<string> _imageEncoder;
    private readonly Option<int> _threads;
    private readonly Option<string> _device;
    private readonly Option<string> _precision;

    public EmbedCommand() : base("embed", "Check the machine, then embed the bundled Fashion-MNIST images and label texts (cached, resumable).")
    {
        _profile = Add(CommonOptions.Profile());
        _imageEncoder = Add(new Option<string>("--image-encoder")
        {
            Description = "image encoder of the embeddings",
            DefaultValueFactory = _ => ResNet18OnnxEncoder.EncoderName,
        }.OneOf(ImageEncoders.Names));
        _threads = Add(CommonOptions.Threads());
        _device = Add(CommonOptions.Device());
        _precision = Add(PrecisionOption.Create());
    }

    public override string Details => """
        Runs the doctor checks, then embeds the profile's train / validation / test images with the image encoder
        (with the spatial tokens the main job's fusion section reads, in the same pass) and the ten class-label texts with
        every text encoder (wordvec, minilm), through the embedding cache
        (.cache/embeddings; FUSIONKIT_CACHE overrides). Progress is printed periodically; Ctrl+C stops after the
        current shard and a rerun resumes. Ends with a nearest-centroid probe of the image embeddings.
        `--threads all` uses every core (the first embedding of the default profile takes minutes per core).
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var profile = CommonOptions.ResolveProfile(parse, _profile);
        var (precision, reason) = PrecisionOption.Resolve(parse, _precision);
        // The images the main job's fusion section reads as spatial tokens are embedded in the same pass (their pooled
        // embedding is the mean of the tokens), so the main job finds everything it needs in the cache.
        var spatialPerClass = new RunPipeline(profile, Directory.GetCurrentDirectory()).SpatialTrainPerClass;
        var options = new EmbeddingOptions
        {
            ImageEncoder = parse.GetValue(_imageEncoder)!, Threads = parse.GetValue(_threads), Device = device, Precision = precision,
            SpatialTrainPerClass = spatialPerClass,
        };
        output.WriteLine($"image precision: {ImagePrecisionChoice.Name(precision)} ({reason})");

        var failed = Diagnostics.Run().Where(c => !c.Ok).ToList();
        if (failed.Count > 0)
        {
            foreach (var f in failed) output.WriteLine($"doctor: FAIL {f.Name}: {f.Detail}");
            return 1;
        }
        output.WriteLine($"doctor: ok (TorchSharp {TorchRuntime.Report?.Adjustments.Count ?? 0} adjustment(s); `fusionkit doctor` lists them)");

        var clock = Stopwatch.StartNew();
        var data = FashionMnistEmbeddings.Load(profile, options, output, context.Cancel);
        output.WriteLine($"image embeddings: {data.Train.Images.Dimension}-d from {data.ImageEncoder}");
        foreach (var (name, matrix) in data.LabelEmbeddings)
            output.WriteLine($"label-text embeddings: {name}, {matrix.Rows} labels x {matrix.Dimension}-d");
        var probe = NearestCentroid.Fit(data.Train.Images, data.Train.Labels, data.ClassCount);
        var accuracy = ClassificationMetrics.Accuracy(data.Test.Labels, probe.Predict(data.Test.Images));
        output.WriteLine($"nearest-centroid probe on the test images: accuracy {accuracy:F3} (pretrained ResNet18 features; random weights give about 0.47)");
        output.WriteLine($"embed: done in {clock.Elapsed:h\\:mm\\:ss}; cache: {Path.Combine(KitPaths.CacheDirectory(), "embeddings")}");
        return 0;
    }
}
