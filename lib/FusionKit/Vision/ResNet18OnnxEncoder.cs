using FusionKit.Data;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FusionKit.Vision;

/// <summary>
/// Frozen ResNet18 features with ONNX Runtime: the package's pretrained graph with its batch dimension made
/// dynamic (edited in memory), graph optimisation ALL, sequential execution, <see cref="ImageEncoderOptions.Threads"/>
/// intra-op threads. Input and output buffers for a full batch are allocated once and bound as OrtValues, so a
/// batch costs only preprocessing and the network. 512-d output (the 7x7 average pool of layer4), or with
/// <see cref="Spatial"/> the map before that pool as 49 tokens of 512 (the graph's pool input added as an output).
/// </summary>
public sealed class ResNet18OnnxEncoder : IImageEncoder
{
    /// <summary>Name used by <see cref="ImageEncoders.Create"/>.</summary>
    public const string EncoderName = "resnet18-onnx";

    /// <summary>Name of the spatial variant (<see cref="Spatial"/>).</summary>
    public const string SpatialEncoderName = "resnet18-onnx-spatial";

    /// <summary>Tokens per image of the spatial variant: the 7x7 map of layer4 at 224x224.</summary>
    public const int SpatialTokens = SpatialPooling.Tokens;

    private const string InputName = "Input247";
    private const string OutputName = "Pooling395_Output_0";
    private const int Channels = SpatialPooling.Channels;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly ResNetPreprocessor _preprocessor;
    private readonly int _batchSize;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue _fullInput;
    private readonly OrtValue _fullOutput;
    private readonly string[] _inputNames = [InputName];
    private readonly string[] _outputNames;
    private readonly bool _spatial;

    /// <summary>Loads the model and builds the session (pooled 512-d output).</summary>
    /// <exception cref="FileNotFoundException">The model files are missing; the message lists the paths tried.</exception>
    public ResNet18OnnxEncoder(ImageEncoderOptions? options = null) : this(options, spatial: false)
    {
    }

    private ResNet18OnnxEncoder(ImageEncoderOptions? options, bool spatial)
    {
        options ??= new ImageEncoderOptions();
        options.Validate();
        if (options.Resolution != ResNetPreprocessor.NativeResolution)
            throw new ArgumentException($"{EncoderName} runs at {ResNetPreprocessor.NativeResolution}x{ResNetPreprocessor.NativeResolution} only (the graph ends in a fixed 7x7 average pool); got {options.Resolution}. Use resnet18-torch for other resolutions.", nameof(options));
        if (ImagePrecisionChoice.Resolve(options.Precision).Precision != ImagePrecision.Float32)
            throw new ArgumentException($"{EncoderName} computes in fp32 only (ONNX Runtime's CPU provider has few bf16 kernels); bf16 runs on {ResNet18TorchEncoder.EncoderName}.", nameof(options));
        var files = PretrainedResNet18Files.Locate(options.ModelDirectory);
        _preprocessor = ResNetPreprocessor.Load(files);
        _batchSize = options.BatchSize;
        Threads = options.Threads;
        _spatial = spatial;
        CacheKey = $"{Name}|onnxruntime|model-sha256={files.ModelSha256()}|res={_preprocessor.Resolution}|prep={ResNetPreprocessor.Version}";

        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
        };
        var model = DynamicBatchModel(files.ModelPath, spatial, out var outputName);
        _outputNames = [outputName];
        _session = new InferenceSession(model, sessionOptions);

        _input = new float[_batchSize * _preprocessor.ValuesPerImage];
        _output = new float[_batchSize * OutputValues];
        _fullInput = InputValue(_batchSize);
        _fullOutput = OutputValue(_batchSize);
    }

    /// <summary>
    /// The spatial variant: per image the 7x7x512 map of layer4 before the average pool, as 49 tokens of 512 in
    /// row-major grid order (token t = cell (t / 7, t % 7), columns t*512 .. t*512+511), the row layout
    /// <c>ISpatialFusion</c> (Models) reads. The mean of the 49 tokens is the pooled embedding (<see cref="SpatialPooling"/>).
    /// </summary>
    public static ResNet18OnnxEncoder Spatial(ImageEncoderOptions? options = null) => new(options, spatial: true);

    /// <inheritdoc />
    public string Name => _spatial ? SpatialEncoderName : EncoderName;

    /// <inheritdoc />
    public int Dimension => _spatial ? SpatialTokens * Channels : Channels;

    /// <summary>Floats the graph writes per image: 512 pooled, or 512 x 49 channel-major.</summary>
    private int OutputValues => _spatial ? Channels * SpatialTokens : Channels;

    /// <inheritdoc />
    public string CacheKey { get; }

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public float[][] Encode(IReadOnlyList<RawImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count][];
        for (var start = 0; start < images.Count; start += _batchSize)
        {
            var count = Math.Min(_batchSize, images.Count - start);
            var values = _preprocessor.ValuesPerImage;
            for (var i = 0; i < count; i++)
                _preprocessor.Write(images[start + i], _input.AsSpan(i * values, values));
            if (count == _batchSize)
            {
                _session.Run(_runOptions, _inputNames, [_fullInput], _outputNames, [_fullOutput]);
            }
            else
            {
                using var input = InputValue(count);
                using var output = OutputValue(count);
                _session.Run(_runOptions, _inputNames, [input], _outputNames, [output]);
            }
            for (var i = 0; i < count; i++) result[start + i] = Row(_output.AsSpan(i * OutputValues, OutputValues));
        }
        return result;
    }

    /// <summary>One image's output as a row: pooled values as they are; the spatial map (channel-major, c * 49 + t)
    /// transposed to tokens (t * 512 + c).</summary>
    private float[] Row(ReadOnlySpan<float> values)
    {
        if (!_spatial) return values.ToArray();
        var row = new float[values.Length];
        for (var c = 0; c < Channels; c++)
            for (var t = 0; t < SpatialTokens; t++)
                row[t * Channels + c] = values[c * SpatialTokens + t];
        return row;
    }

    /// <summary>The shipped graph with its leading (batch) dimension renamed to a free "N" on every input,
    /// output and intermediate value info, serialised for ONNX Runtime. With <paramref name="spatial"/> the
    /// average pool's input (the 7x7 map) is the graph's output instead.</summary>
    internal static byte[] DynamicBatchModel(string modelPath, bool spatial, out string outputName)
    {
        var model = OnnxModelFile.Read(modelPath);
        var pooled = model.Graph.Output.FirstOrDefault(o => o.Name == OutputName);
        if (model.Graph.Input.All(i => i.Name != InputName) || pooled is null)
            throw new InvalidDataException($"{modelPath}: expected input '{InputName}' and output '{OutputName}'; found inputs {string.Join(", ", model.Graph.Input.Select(i => i.Name))} and outputs {string.Join(", ", model.Graph.Output.Select(o => o.Name))}.");
        outputName = OutputName;
        if (spatial)
        {
            var pool = model.Graph.Node.FirstOrDefault(n => n.Output.Contains(OutputName))
                       ?? throw new InvalidDataException($"{modelPath}: no node produces '{OutputName}', so the map before the pool cannot be found.");
            outputName = pool.Input[0];
            var map = pooled.Clone();
            map.Name = outputName;
            var dims = map.Type.TensorType.Shape.Dim;
            if (dims.Count != 4)
                throw new InvalidDataException($"{modelPath}: expected '{OutputName}' to be (N, 512, 1, 1), found {dims.Count} dimensions.");
            dims[2] = new TensorShapeProto.Types.Dimension { DimValue = 7 };
            dims[3] = new TensorShapeProto.Types.Dimension { DimValue = 7 };
            model.Graph.Output.Clear();
            model.Graph.Output.Add(map);
        }
        model.Graph.SetDim();
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }

    private OrtValue InputValue(int count) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, count * _preprocessor.ValuesPerImage),
            [count, 3, _preprocessor.Resolution, _preprocessor.Resolution]);

    private OrtValue OutputValue(int count) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(0, count * OutputValues),
            _spatial ? [count, Channels, 7, 7] : [count, Channels, 1, 1]);

    /// <inheritdoc />
    public void Dispose()
    {
        _fullInput.Dispose();
        _fullOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
