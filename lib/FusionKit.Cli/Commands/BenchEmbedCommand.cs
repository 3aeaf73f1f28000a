using System.CommandLine;
using System.Diagnostics;
using FusionKit.Data;
using FusionKit.Platform;
using FusionKit.Vision;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit bench embed`: embedding throughput of each backend (three warm-up batches, then median, min and
/// max over timed batches).</summary>
public sealed class BenchEmbedCommand : CliCommand
{
    private static readonly Dictionary<string, string[]> Backends = new(StringComparer.Ordinal)
    {
        ["onnx"] = [ResNet18OnnxEncoder.EncoderName],
        ["torch"] = [ResNet18TorchEncoder.EncoderName],
        ["all"] = [ResNet18OnnxEncoder.EncoderName, ResNet18TorchEncoder.EncoderName],
    };

    /// <summary>The benchmark sections, run in order; each prints its own block.</summary>
    private static readonly IReadOnlyList<(string Title, Action<Settings, TextWriter> Run)> Sections =
    [
        ("images", BenchImages),
        ("texts", BenchTexts),
    ];

    private readonly Option<int> _size = new Option<int>("--size")
    {
        Description = "image width and height in pixels (resnet18-onnx runs at 224 only)",
        DefaultValueFactory = _ => ResNetPreprocessor.NativeResolution,
    }.InRange(32, 1024);

    private readonly Option<int> _batch = new Option<int>("--batch") { Description = "images, and sentences, per call", DefaultValueFactory = _ => 32 }.InRange(1, 4096);
    private readonly Option<int> _batches = new Option<int>("--batches") { Description = "timed calls after three warm-up calls", DefaultValueFactory = _ => 6 }.InRange(1, 10_000);

    private readonly Option<string> _backend = new Option<string>("--backend")
    {
        Description = "image backend(s) to time",
        DefaultValueFactory = _ => "all",
    }.OneOf(Backends.Keys);

    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string> _precision = PrecisionOption.Create("fp32");

    private readonly Option<string> _sections = new Option<string>("--sections")
    {
        Description = "what to time: images, texts or all",
        DefaultValueFactory = _ => "all",
    }.OneOf(["images", "texts", "all"]);

    public BenchEmbedCommand() : base("bench embed", "Measure embedding throughput: images/s per image backend, sentences/s per text encoder.")
    {
        Add(_size);
        Add(_batch);
        Add(_threads);
        Add(_device);
        Add(_batches);
        Add(_backend);
        Add(_precision);
        Add(_sections);
    }

    public override string Details => """
        Embeds random RGB images (fixed seed) of --size pixels in batches of --batch and prints img/s as
        median (min, max) over --batches timed batches after three warm-up batches, per backend:
          resnet18-onnx   ONNX Runtime on the CPU, --threads intra-op threads (224 only)
          resnet18-torch  TorchSharp on --device, torch.set_num_threads(--threads), in --precision (bf16:
                          bfloat16 channels-last; resnet18-onnx computes fp32 only and is skipped for bf16)
        Timings include preprocessing (here: BGR reorder and mean subtraction; no resize at --size).
        Then embeds --batch product-listing sentences (8-20 words, fixed seed) per call and prints sentences/s:
          minilm          all-MiniLM-L6-v2 on ONNX Runtime, --threads intra-op threads, tokenisation included
          wordvec         GloVe-format word vectors (data/embeddings), tokenisation and averaging
        The same protocol as the PyTorch peer bench/peer.py (the same network and weights, fp32 and bf16, tuned);
        `python3 bench/peer.py compare` runs both back to back and prints kit/peer ratios (median of 3 rounds).
        """;

    public override int Run(ParseResult parse, CliContext context)
    {
        var settings = new Settings(
            Size: parse.GetValue(_size),
            Batch: parse.GetValue(_batch),
            Threads: parse.GetValue(_threads),
            Device: CommonOptions.ResolveDevice(parse, _device),
            Batches: parse.GetValue(_batches),
            ImageBackends: Backends[parse.GetValue(_backend)!],
            Precision: PrecisionOption.Resolve(parse, _precision));
        var sections = parse.GetValue(_sections)!;
        if (settings.Size != ResNetPreprocessor.NativeResolution && settings.ImageBackends is [ResNet18OnnxEncoder.EncoderName])
            throw new CliUsageException($"--backend onnx runs at --size {ResNetPreprocessor.NativeResolution} only; got --size {settings.Size}.");
        foreach (var (title, run) in Sections.Where(x => sections == "all" || x.Title == sections))
        {
            context.Output.WriteLine($"{title}:");
            run(settings, context.Output);
        }
        return 0;
    }

    private static void BenchImages(Settings s, TextWriter output)
    {
        var (precision, reason) = s.Precision;
        output.WriteLine(FormattableString.Invariant($"  {s.Size}x{s.Size} RGB, batch {s.Batch}, {s.Threads} thread(s), {s.Batches} timed batches, {ImagePrecisionChoice.Name(precision)} ({reason}), torch backend on {ComputeDevices.Name(s.Device)}"));
        var images = RandomImages(s.Batch, s.Size, seed: 42);
        foreach (var name in s.ImageBackends)
        {
            if (name == ResNet18OnnxEncoder.EncoderName && s.Size != ResNetPreprocessor.NativeResolution)
            {
                output.WriteLine($"  {name,-16} skipped: runs at {ResNetPreprocessor.NativeResolution} only");
                continue;
            }
            if (name == ResNet18OnnxEncoder.EncoderName && precision != ImagePrecision.Float32)
            {
                output.WriteLine($"  {name,-16} skipped: computes in fp32 only");
                continue;
            }
            using var encoder = ImageEncoders.Create(name, new ImageEncoderOptions { Resolution = s.Size, Threads = s.Threads, BatchSize = s.Batch, Precision = precision, Device = s.Device });
            var (median, min, max) = Throughput(() => encoder.Encode(images), s.Batch, s.Batches);
            output.WriteLine(FormattableString.Invariant($"  {name,-16} img/s median {median:F1} (min {min:F1}, max {max:F1})"));
        }
    }

    private static void BenchTexts(Settings s, TextWriter output)
    {
        var sentences = RandomSentences(s.Batch, seed: 42);
        output.WriteLine(FormattableString.Invariant($"  {s.Batch} sentences of 8-20 words per call, {s.Threads} thread(s), {s.Batches} timed calls"));
        foreach (var name in FusionKit.Text.TextEncoders.Names.Reverse())
        {
            using var encoder = FusionKit.Text.TextEncoders.Create(name, threads: s.Threads);
            var (median, min, max) = Throughput(() => encoder.Encode(sentences), s.Batch, s.Batches);
            output.WriteLine(FormattableString.Invariant($"  {name,-16} sentences/s median {median:F1} (min {min:F1}, max {max:F1})"));
        }
    }

    private static string[] RandomSentences(int count, int seed)
    {
        string[] words = ["soft", "cotton", "shirt", "with", "short", "sleeves", "black", "leather", "ankle", "boot", "for", "women",
            "men", "summer", "dress", "a", "pair", "of", "running", "sneakers", "warm", "wool", "coat", "and", "zip", "pocket", "bag"];
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(8, 21)).Select(_ => words[random.Next(words.Length)])))
            .ToArray();
    }

    /// <summary>Items per second of <paramref name="run"/>: three warm-up calls, then median, min and max over timed calls.</summary>
    public static (double Median, double Min, double Max) Throughput(Action run, int itemsPerRun, int runs)
    {
        for (var i = 0; i < 3; i++) run();
        var rates = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            rates[i] = itemsPerRun / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(rates);
        var median = runs % 2 == 1 ? rates[runs / 2] : (rates[runs / 2 - 1] + rates[runs / 2]) / 2;
        return (median, rates[0], rates[^1]);
    }

    private static List<RawImage> RandomImages(int count, int size, int seed)
    {
        var random = new Random(seed);
        var images = new List<RawImage>(count);
        for (var i = 0; i < count; i++)
        {
            var pixels = new byte[size * size * 3];
            random.NextBytes(pixels);
            images.Add(new RawImage(size, size, 3, pixels));
        }
        return images;
    }

    private sealed record Settings(int Size, int Batch, int Threads, ComputeDevice Device, int Batches, string[] ImageBackends, (ImagePrecision Precision, string Reason) Precision);
}
