using FusionKit.Data;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FusionKit.Vision;

/// <summary>
/// Frozen ResNet18 features with ONNX Runtime: the package's pretrained graph with its batch dimension made
/// dynamic (edited in memory), graph optimisation ALL, sequential execution, <see cref="ImageEncoderOptions.Threads"/>
/// intra-op threads. Input and output buffers for a full batch are allocated once and bound as OrtValues, so a
/// batch costs only preprocessing and the network. 512-d output (the 7x7 average pool of layer4).
/// </summary>
public sealed class ResNet18OnnxEncoder : IImageEncoder
{
    /// <summary>Name used by <see cref="ImageEncoders.Create"/>.</summary>
    public const string EncoderName = "resnet18-onnx";

    private const string InputName = "Input247";
    private const string OutputName = "Pooling395_Output_0";
    private const int Features = 512;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly ResNetPreprocessor _preprocessor;
    private readonly int _batchSize;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue _fullInput;
    private readonly OrtValue _fullOutput;
    private readonly string[] _inputNames = [InputName];
    private readonly string[] _outputNames = [OutputName];

    /// <summary>Loads the model and builds the session.</summary>
    /// <exception cref="FileNotFoundException">The model files are missing; the message lists the paths tried.</exception>
    public ResNet18OnnxEncoder(ImageEncoderOptions? options = null)
    {
        options ??= new ImageEncoderOptions();
        options.Validate();
        if (options.Resolution != ResNetPreprocessor.NativeResolution)
            throw new ArgumentException($"{EncoderName} runs at {ResNetPreprocessor.NativeResolution}x{ResNetPreprocessor.NativeResolution} only (the graph ends in a fixed 7x7 average pool); got {options.Resolution}. Use resnet18-torch for other resolutions.", nameof(options));
        var files = PretrainedResNet18Files.Locate(options.ModelDirectory);
        _preprocessor = ResNetPreprocessor.Load(files);
        _batchSize = options.BatchSize;
        Threads = options.Threads;
        CacheKey = $"{EncoderName}|onnxruntime|model-sha256={files.ModelSha256()}|res={_preprocessor.Resolution}|prep={ResNetPreprocessor.Version}";

        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
        };
        _session = new InferenceSession(DynamicBatchModel(files.ModelPath), sessionOptions);

        _input = new float[_batchSize * _preprocessor.ValuesPerImage];
        _output = new float[_batchSize * Features];
        _fullInput = InputValue(_batchSize);
        _fullOutput = OutputValue(_batchSize);
    }

    /// <inheritdoc />
    public string Name => EncoderName;

    /// <inheritdoc />
    public int Dimension => Features;

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
            for (var i = 0; i < count; i++) result[start + i] = _output.AsSpan(i * Features, Features).ToArray();
        }
        return result;
    }

    /// <summary>The shipped graph with its leading (batch) dimension renamed to a free "N" on every input,
    /// output and intermediate value info, serialised for ONNX Runtime.</summary>
    internal static byte[] DynamicBatchModel(string modelPath)
    {
        var model = OnnxModelFile.Read(modelPath);
        if (model.Graph.Input.All(i => i.Name != InputName) || model.Graph.Output.All(o => o.Name != OutputName))
            throw new InvalidDataException($"{modelPath}: expected input '{InputName}' and output '{OutputName}'; found inputs {string.Join(", ", model.Graph.Input.Select(i => i.Name))} and outputs {string.Join(", ", model.Graph.Output.Select(o => o.Name))}.");
        model.Graph.SetDim();
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }

    private OrtValue InputValue(int count) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, count * _preprocessor.ValuesPerImage),
            [count, 3, _preprocessor.Resolution, _preprocessor.Resolution]);

    private OrtValue OutputValue(int count) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(0, count * Features), [count, Features, 1, 1]);

    /// <inheritdoc />
    public void Dispose()
    {
        _fullInput.Dispose();
        _fullOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
