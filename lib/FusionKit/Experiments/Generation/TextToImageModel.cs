using System.Text.Json;
using System.Text.Json.Nodes;
using FusionKit.Data;
using FusionKit.Data.Json;
using FusionKit.Models.Generation;
using FusionKit.Platform;
using FusionKit.Text;
using FusionKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Experiments.Generation;

/// <summary>
/// A trained text-to-image GAN ready to draw: the generator, what it is conditioned on (text embeddings, one-hot
/// labels or nothing), the text encoder that embeds prompts, and the image-to-latent encoder E that makes the
/// paper's "image embedding + text embedding -> GAN -> image" work (keep an item's style, change its text).
/// Saved as a folder: <c>model.json</c>, <c>generator.fkm</c>, <c>encoder.fkm</c>.
/// G and E draw in evaluation mode (batch norm with the running statistics gathered in training), so a drawing
/// depends only on its own latent and condition, never on the other rows of its batch: with batch statistics, the
/// 16 drawings of one prompt that <c>fusionkit generate</c> makes were normalised by statistics of a single class,
/// unlike any training batch (which mixes classes), and a single drawing could not be made at all.
/// </summary>
public sealed class TextToImageModel : IDisposable
{
    private const string InfoFile = "model.json";
    private const string GeneratorFile = "generator.fkm";
    private const string EncoderFile = "encoder.fkm";
    private ITextEncoder? _textEncoder;

    public TextToImageModel(ConditionalGenerator generator, LatentEncoder? encoder, GenerationConditioning conditioning, string textEncoder, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(classNames);
        Generator = generator;
        Encoder = encoder;
        Conditioning = conditioning;
        TextEncoderName = textEncoder;
        ClassNames = classNames;
    }

    public ConditionalGenerator Generator { get; }

    /// <summary>E: image -> latent; null when none was trained.</summary>
    public LatentEncoder? Encoder { get; }

    public GenerationConditioning Conditioning { get; }

    /// <summary>Name of the text encoder prompts are embedded with ("minilm" or "wordvec").</summary>
    public string TextEncoderName { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public int LatentDim => Generator.Architecture.LatentDim;

    /// <summary>
    /// <paramref name="count"/> latent vectors (count, L) from N(0, I), drawn with Box-Muller from a
    /// <see cref="SplitMix64"/> seeded by <paramref name="seed"/>: the same on every machine, and torch's own
    /// generator is left untouched (fixed progress grids do not change the training run).
    /// </summary>
    public static float[] Latents(int count, int latentDim, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var rng = new SplitMix64(seed);
        var values = new float[count * latentDim];
        for (var i = 0; i < values.Length; i += 2)
        {
            var u1 = 1.0 - rng.NextDouble();   // (0, 1]
            var u2 = rng.NextDouble();
            var r = Math.Sqrt(-2 * Math.Log(u1));
            values[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < values.Length) values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
        return values;
    }

    /// <summary>Condition vectors of text prompts, embedded with <see cref="TextEncoderName"/> (text models only).</summary>
    /// <exception cref="InvalidOperationException">The model is not text-conditioned.</exception>
    public float[][] EmbedPrompts(IReadOnlyList<string> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (Conditioning != GenerationConditioning.Text)
            throw new InvalidOperationException($"This model is conditioned on {Conditioning}, not on text: it cannot read a prompt.");
        _textEncoder ??= TextEncoders.Create(TextEncoderName, prompts);
        return _textEncoder.Encode(prompts);
    }

    /// <summary>One-hot condition vectors of class labels (one-hot models).</summary>
    public float[][] OneHot(IReadOnlyList<int> labels) => labels.Select(l =>
    {
        if (l < 0 || l >= ClassNames.Count) throw new ArgumentOutOfRangeException(nameof(labels), l, $"Labels are 0..{ClassNames.Count - 1}.");
        var v = new float[ClassNames.Count];
        v[l] = 1;
        return v;
    }).ToArray();

    /// <summary>Draws one image per row of <paramref name="latents"/> (count x L values) under the matching row of
    /// <paramref name="conditions"/> (null for an unconditional model).</summary>
    public RawImage[] Generate(float[] latents, float[][]? conditions)
    {
        ArgumentNullException.ThrowIfNull(latents);
        var count = latents.Length / LatentDim;
        if (count * LatentDim != latents.Length || count == 0) throw new ArgumentException($"Latents must be a whole number (> 0) of {LatentDim}-d rows.", nameof(latents));
        if (Generator.Architecture.IsConditional && (conditions is null || conditions.Length != count))
            throw new ArgumentException($"{count} latent rows need {count} condition rows.", nameof(conditions));
        TorchRuntime.EnsureReady();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var wasTraining = Generator.training;
        Generator.eval();
        try
        {
            var device = Generator.parameters().First().device;
            var z = torch.tensor(latents, [count, LatentDim]).to(device);                            // (B, L)
            var c = Generator.Architecture.IsConditional ? ToTensor(conditions!).to(device) : null;  // (B, D_c)
            return ToImages(Generator.call(z, c));
        }
        finally
        {
            Generator.train(wasTraining); // a progress grid drawn between training epochs leaves G training
        }
    }

    /// <summary>Draws <paramref name="count"/> images for one text prompt from latents seeded by <paramref name="seed"/>.</summary>
    public RawImage[] Generate(string prompt, int count, int seed)
    {
        var condition = EmbedPrompts([prompt])[0];
        return Generate(Latents(count, LatentDim, seed), Enumerable.Repeat(condition, count).ToArray());
    }

    /// <summary>
    /// GAN-INT's view of the text space: <paramref name="steps"/> images from one latent (seeded) under
    /// (1 − β) φ(from) + β φ(to), β evenly from 0 to 1: the drawing should morph from one prompt to the other.
    /// </summary>
    public RawImage[] Interpolate(string from, string to, int steps = 8, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        var ends = EmbedPrompts([from, to]);
        var conditions = Enumerable.Range(0, steps).Select(i =>
        {
            var beta = i / (float)(steps - 1);
            return ends[0].Zip(ends[1], (a, b) => (1 - beta) * a + beta * b).ToArray();
        }).ToArray();
        var latent = Latents(1, LatentDim, seed);
        return Generate(Enumerable.Repeat(latent, steps).SelectMany(z => z).ToArray(), conditions);
    }

    /// <summary>E(x): the latent "style" code (count x L values) of each image.</summary>
    /// <exception cref="InvalidOperationException">No encoder was trained.</exception>
    public float[] EncodeStyle(IReadOnlyList<RawImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var encoder = Encoder ?? throw new InvalidOperationException("This model has no image encoder: train it with EncoderEpochs > 0.");
        TorchRuntime.EnsureReady();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var wasTraining = encoder.training;
        encoder.eval();
        try
        {
            var device = encoder.parameters().First().device;
            var x = FromImages(images).to(device);                                                   // (B, 1, 28, 28)
            return encoder.call(x).cpu().data<float>().ToArray();                                     // (B, L)
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }

    /// <summary>The paper's formulation: each source image's latent E(x) with a new condition -> G. Keeps the style, changes the text.</summary>
    public RawImage[] Restyle(IReadOnlyList<RawImage> sources, float[] condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var latents = EncodeStyle(sources);
        return Generate(latents, Enumerable.Repeat(condition, sources.Count).ToArray());
    }

    /// <summary>Writes the model folder (atomically per file).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        ModelFiles.Save(Generator, Path.Combine(directory, GeneratorFile));
        if (Encoder is not null) ModelFiles.Save(Encoder, Path.Combine(directory, EncoderFile));
        var a = Generator.Architecture;
        var info = new JsonObject
        {
            ["conditioning"] = Conditioning.ToString(),
            ["textEncoder"] = TextEncoderName,
            ["classNames"] = new JsonArray(ClassNames.Select(n => (JsonNode?)n).ToArray()),
            ["conditionDim"] = a.ConditionDim,
            ["latentDim"] = a.LatentDim,
            ["projectedDim"] = a.ProjectedDim,
            ["generatorWidth"] = a.GeneratorWidth,
            ["discriminatorWidth"] = a.DiscriminatorWidth,
            ["resizeConvolution"] = a.ResizeConvolution,
            ["hasEncoder"] = Encoder is not null,
            ["captions"] = CaptionBank.Declaration,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, InfoFile), info.ToJsonString(KitJson.Options));
    }

    /// <summary>True when <paramref name="directory"/> holds a saved model.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, InfoFile)) && File.Exists(Path.Combine(directory, GeneratorFile));

    /// <summary>Loads a folder written by <see cref="Save"/> onto the device <paramref name="device"/> resolves to.</summary>
    /// <exception cref="InvalidDataException">The folder is incomplete or its files do not fit; the message names the file.</exception>
    public static TextToImageModel Load(string directory, ComputeDevice device = ComputeDevice.Auto)
    {
        var infoPath = Path.Combine(directory, InfoFile);
        if (!Exists(directory)) throw new InvalidDataException($"{directory} holds no trained generation model ({InfoFile} and {GeneratorFile} expected).");
        TorchRuntime.EnsureReady();
        JsonNode info;
        try
        {
            info = JsonNode.Parse(File.ReadAllText(infoPath)) ?? throw new JsonException("empty file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{infoPath}: not valid JSON ({e.Message}).", e);
        }
        try
        {
            var architecture = new GanArchitecture((int)info["conditionDim"]!, (int)info["latentDim"]!, (int)info["projectedDim"]!, (int)info["generatorWidth"]!, (int)info["discriminatorWidth"]!,
                                                ResizeConvolution: info["resizeConvolution"] is { } resize && (bool)resize);
            var generator = new ConditionalGenerator(architecture);
            ModelFiles.Load(generator, Path.Combine(directory, GeneratorFile));
            LatentEncoder? encoder = null;
            if ((bool)info["hasEncoder"]!)
            {
                encoder = new LatentEncoder(architecture);
                ModelFiles.Load(encoder, Path.Combine(directory, EncoderFile));
            }
            var target = ComputeDevices.Torch(device);
            generator.to(target);
            encoder?.to(target);
            return new TextToImageModel(generator, encoder, Enum.Parse<GenerationConditioning>((string)info["conditioning"]!),
                (string)info["textEncoder"]!, info["classNames"]!.AsArray().Select(n => (string)n!).ToArray());
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{infoPath}: incomplete or invalid model description ({e.Message}).", e);
        }
    }

    /// <summary>Tensor (B, 1, 28, 28) in [-1, 1] -> 28x28 grey images.</summary>
    public static RawImage[] ToImages(Tensor images)
    {
        var n = (int)images.shape[0];
        var values = ((images.detach().cpu() + 1) * 127.5).round().clamp(0, 255).to(ScalarType.Byte).data<byte>().ToArray();
        const int size = GanArchitecture.ImageSize * GanArchitecture.ImageSize;
        return Enumerable.Range(0, n).Select(i => new RawImage(GanArchitecture.ImageSize, GanArchitecture.ImageSize, 1, values.AsSpan(i * size, size).ToArray())).ToArray();
    }

    /// <summary>28x28 grey images -> tensor (B, 1, 28, 28) in [-1, 1].</summary>
    public static Tensor FromImages(IReadOnlyList<RawImage> images)
    {
        const int side = GanArchitecture.ImageSize;
        var values = new float[images.Count * side * side];
        for (var i = 0; i < images.Count; i++)
        {
            var im = images[i];
            if (im.Width != side || im.Height != side || im.Channels != 1)
                throw new ArgumentException($"Image {i} is {im.Width}x{im.Height}x{im.Channels}; the GAN reads 28x28 grey images.", nameof(images));
            for (var p = 0; p < side * side; p++) values[i * side * side + p] = im.Pixels[p] / 127.5f - 1f;
        }
        return torch.tensor(values, [images.Count, 1, side, side]);
    }

    private static Tensor ToTensor(float[][] rows) => torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    public void Dispose()
    {
        Generator.Dispose();
        Encoder?.Dispose();
        _textEncoder?.Dispose();
    }
}
