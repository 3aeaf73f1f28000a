using FusionKit.Data;
using FusionKit.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Vision;

/// <summary>
/// The pretrained ResNet18 in TorchSharp (<see cref="ResNet18TorchModule"/> loaded with the ONNX weights): the
/// same features as <see cref="ResNet18OnnxEncoder"/> to about 1e-5, at any resolution, on CPU or CUDA, with
/// the module exposed for fine-tuning and the spatial map for region tokens.
/// </summary>
public sealed class ResNet18TorchEncoder : IImageEncoder
{
    /// <summary>Name used by <see cref="ImageEncoders.Create"/>.</summary>
    public const string EncoderName = "resnet18-torch";

    /// <summary>Name of the spatial variant (<see cref="Spatial"/>).</summary>
    public const string SpatialEncoderName = "resnet18-torch-spatial";

    private readonly int _batchSize;
    private readonly bool _spatial;

    /// <summary>Loads the weights into a new module on <see cref="ImageEncoderOptions.Device"/>, in eval mode (pooled 512-d output).</summary>
    /// <exception cref="FileNotFoundException">The model files are missing; the message lists the paths tried.</exception>
    public ResNet18TorchEncoder(ImageEncoderOptions? options = null) : this(options, spatial: false)
    {
    }

    private ResNet18TorchEncoder(ImageEncoderOptions? options, bool spatial)
    {
        options ??= new ImageEncoderOptions();
        options.Validate();
        if (spatial && options.Resolution != ResNetPreprocessor.NativeResolution)
            throw new ArgumentException($"{SpatialEncoderName} runs at {ResNetPreprocessor.NativeResolution}x{ResNetPreprocessor.NativeResolution} only (its rows hold the 7x7 grid's {SpatialPooling.Tokens} tokens); got {options.Resolution}.", nameof(options));
        _spatial = spatial;
        TorchRuntime.EnsureReady();
        Device = ParseDevice(options.Device);
        var files = PretrainedResNet18Files.Locate(options.ModelDirectory);
        Preprocessor = ResNetPreprocessor.Load(files, options.Resolution);
        _batchSize = options.BatchSize;
        torch.set_num_threads(options.Threads);
        Precision = ImagePrecisionChoice.Resolve(options.Precision).Precision;
        // fp32 keys stay exactly as they were before precisions existed, so existing cache entries remain valid.
        CacheKey = $"{Name}|torchsharp|model-sha256={files.ModelSha256()}|res={Preprocessor.Resolution}|prep={ResNetPreprocessor.Version}"
                   + (Precision == ImagePrecision.BFloat16 ? BFloat16KeySuffix : "");

        var weights = ResNet18OnnxWeights.Read(files.ModelPath);
        Module = new ResNet18TorchModule(weights.Depths);
        weights.LoadInto(Module);
        Module.eval();
        Module.to(Device);
        if (Precision == ImagePrecision.BFloat16)
        {
            // BatchNorm folded into the convolutions in float32 first (one rounding per layer fewer, one pass over
            // each map fewer), then bf16 weights in the channels-last layout of the activations.
            Module.FoldBatchNorm();
            Module.to(ScalarType.BFloat16);
            Module.UseChannelsLastWeights();
        }
    }

    /// <summary>
    /// The spatial variant: per image the 7x7x512 map of layer4 before the average pool, as 49 tokens of 512 in row-major
    /// grid order (token t = cell (t / 7, t % 7), columns t*512 .. t*512+511), the layout of
    /// <see cref="ResNet18OnnxEncoder.Spatial"/>; in bf16 it is the spatial encoder whose tokens match the bf16 pooled
    /// embeddings (<see cref="SpatialPooling.Mean"/> derives them).
    /// </summary>
    public static ResNet18TorchEncoder Spatial(ImageEncoderOptions? options = null) => new(options, spatial: true);

    /// <summary>What the bf16 path adds to the cache key: bf16 weights and activations, channels-last, BatchNorm folded
    /// into the convolutions (embeddings differ from the unfolded bf16 network's by bf16 rounding, so they are keyed apart).</summary>
    public const string BFloat16KeySuffix = "|precision=bf16-channels-last-bnfold";

    /// <summary>The resolved arithmetic: <see cref="ImagePrecision.Float32"/> or <see cref="ImagePrecision.BFloat16"/>
    /// (weights and activations in bfloat16, channels-last, outputs converted back to float32).</summary>
    public ImagePrecision Precision { get; }

    /// <inheritdoc />
    public string Name => _spatial ? SpatialEncoderName : EncoderName;

    /// <inheritdoc />
    public int Dimension => _spatial ? SpatialPooling.Tokens * ResNet18TorchModule.FeatureChannels : ResNet18TorchModule.FeatureChannels;

    /// <inheritdoc />
    public string CacheKey { get; }

    /// <summary>The network; call <c>train()</c> on it to fine-tune, <c>eval()</c> before encoding again (fp32 only:
    /// in bf16 its BatchNorm layers are folded into the convolutions, <see cref="ResNet18TorchModule.BatchNormFolded"/>).</summary>
    public ResNet18TorchModule Module { get; }

    /// <summary>Turns images into network input.</summary>
    public ResNetPreprocessor Preprocessor { get; }

    /// <summary>Where the module and its inputs live.</summary>
    public Device Device { get; }

    /// <summary>Preprocessed images as a (B, 3, S, S) tensor on <see cref="Device"/> in the module's precision (bf16 in
    /// channels-last layout: the same shape, strides of a (B, S, S, 3) buffer); the caller disposes it.</summary>
    public Tensor ToInput(IReadOnlyList<RawImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var size = Preprocessor.Resolution;
        using var cpu = tensor(Preprocessor.Preprocess(images), [images.Count, 3, size, size]); // (B, 3, S, S)
        if (Precision != ImagePrecision.BFloat16) return cpu.to(Device);
        // oneDNN picks its channels-last bf16 convolutions from the input's layout; every later map inherits it.
        // One pass converts to bf16 and transposes: copy_ into a (B, S, S, 3) buffer, viewed back as (B, 3, S, S).
        using var nhwc = empty([images.Count, size, size, 3], ScalarType.BFloat16, Device); // (B, S, S, 3)
        using var source = cpu.permute(0, 2, 3, 1);                                           // (B, S, S, 3), NCHW strides
        nhwc.copy_(source);
        return nhwc.permute(0, 3, 1, 2); // (B, 3, S, S), NHWC strides
    }

    /// <inheritdoc />
    public float[][] Encode(IReadOnlyList<RawImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count][];
        for (var start = 0; start < images.Count; start += _batchSize)
        {
            var chunk = Slice(images, start);
            using var scope = NewDisposeScope();
            using var _ = inference_mode(); // only plain floats leave: no autograd bookkeeping at all
            var input = ToInput(chunk);
            var features = _spatial
                ? Module.ForwardFeatures(input).permute(0, 2, 3, 1).to(ScalarType.Float32).cpu().contiguous() // (B, 7, 7, 512): token-major rows
                : Module.call(input).to(ScalarType.Float32).cpu();                                          // (B, 512)
            var values = features.data<float>().ToArray();
            for (var i = 0; i < chunk.Count; i++) result[start + i] = values.AsSpan(i * Dimension, Dimension).ToArray();
        }
        return result;
    }

    /// <summary>The last stage's feature map for each image, (B, 512, S/32, S/32) on the CPU ((B, 512, 7, 7) at
    /// 224), computed without gradients; the caller disposes it.</summary>
    public Tensor EncodeSpatial(IReadOnlyList<RawImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var maps = new List<Tensor>();
        for (var start = 0; start < images.Count; start += _batchSize)
            maps.Add(Module.ForwardFeatures(ToInput(Slice(images, start))).to(ScalarType.Float32).cpu().contiguous()); // (B, 512, S/32, S/32)
        return cat(maps, 0).MoveToOuterDisposeScope();
    }

    private List<RawImage> Slice(IReadOnlyList<RawImage> images, int start) =>
        [.. Enumerable.Range(start, Math.Min(_batchSize, images.Count - start)).Select(i => images[i])];

    private static Device ParseDevice(string name)
    {
        Device device;
        try
        {
            device = torch.device(name);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Runtime.InteropServices.ExternalException)
        {
            throw new ArgumentException($"Device '{name}' is not a torch device (use \"cpu\", \"cuda\" or \"cuda:N\"): {e.Message}", nameof(name), e);
        }
        if (device.type == DeviceType.CUDA && !cuda.is_available())
            throw new ArgumentException($"Device '{name}' asks for CUDA, but TorchSharp sees no CUDA device (the kit references TorchSharp-cpu; reference a CUDA libtorch package to use a GPU).", nameof(name));
        return device;
    }

    /// <inheritdoc />
    public void Dispose() => Module.Dispose();
}
