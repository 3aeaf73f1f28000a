using System.Globalization;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Vision;

/// <summary>
/// Maps the initializers of the shipped ResNet18.onnx onto <see cref="ResNet18TorchModule"/>'s state-dict
/// names by walking the graph: the stem is the Conv fed by the graph input and its BatchNormalization; every
/// residual Add closes a block, whose main branch is conv1-bn1-relu-conv2-bn2 and whose other branch is either
/// the block input (identity) or a strided 1x1 Conv + BatchNormalization (downsample.0/.1). BatchNormalization
/// inputs [scale, B, mean, var] become weight, bias, running_mean, running_var.
/// </summary>
public sealed class ResNet18OnnxWeights
{
    private ResNet18OnnxWeights(IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors, int initializerCount, IReadOnlyList<int> depths, string source)
    {
        Tensors = tensors;
        InitializerCount = initializerCount;
        Depths = depths;
        Source = source;
    }

    /// <summary>Weights by state-dict name, e.g. "layer2.0.downsample.1.running_var".</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Values)> Tensors { get; }

    /// <summary>Initializers in the ONNX graph (each mapped exactly once).</summary>
    public int InitializerCount { get; }

    /// <summary>Blocks per stage found in the graph ([2, 2, 2, 3] for the shipped model).</summary>
    public IReadOnlyList<int> Depths { get; }

    /// <summary>The ONNX file read.</summary>
    public string Source { get; }

    /// <summary>Reads and maps the initializers of <paramref name="modelPath"/>.</summary>
    /// <exception cref="InvalidDataException">The graph is not a ResNet of basic blocks, or an initializer is unused; the message names the file and node.</exception>
    public static ResNet18OnnxWeights Read(string modelPath)
    {
        var model = OnnxModelFile.Read(modelPath);
        return new Walker(model.Graph, modelPath).Map();
    }

    /// <summary>Copies every weight into <paramref name="module"/>'s parameters and buffers, checking shapes and
    /// that each parameter and running statistic receives exactly one initializer.</summary>
    public void LoadInto(ResNet18TorchModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!module.Depths.SequenceEqual(Depths))
            throw new ArgumentException($"{Source} holds stage depths [{string.Join(", ", Depths)}]; the module has [{string.Join(", ", module.Depths)}].", nameof(module));
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        using (no_grad())
        {
            var targets = module.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).Concat(module.named_buffers())
                .Where(t => !t.name.EndsWith("num_batches_tracked", StringComparison.Ordinal));
            foreach (var (name, target) in targets)
            {
                if (!Tensors.TryGetValue(name, out var source))
                    throw new InvalidDataException($"{Source}: no initializer maps onto the module's '{name}'.");
                if (!target.shape.SequenceEqual(source.Shape))
                    throw new InvalidDataException($"{Source}: '{name}' is ({string.Join(", ", source.Shape)}) in the ONNX graph but ({string.Join(", ", target.shape)}) in the module.");
                using var values = tensor(source.Values, source.Shape);
                target.copy_(values);
                assigned.Add(name);
            }
        }
        var unused = Tensors.Keys.Where(k => !assigned.Contains(k)).ToList();
        if (unused.Count > 0)
            throw new InvalidDataException($"{Source}: initializers mapped to names the module lacks: {string.Join(", ", unused)}.");
    }

    private sealed class Walker(GraphProto graph, string source)
    {
        private readonly Dictionary<string, NodeProto> _producer = graph.Node
            .SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        private readonly Dictionary<string, TensorProto> _initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        private readonly Dictionary<string, (long[] Shape, float[] Values)> _mapped = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public ResNet18OnnxWeights Map()
        {
            var stem = graph.Node.FirstOrDefault(n => n.OpType == "Conv" && graph.Input.Any(i => i.Name == n.Input[0]))
                       ?? throw new InvalidDataException($"{source}: no Conv reads the graph input.");
            var stemBn = graph.Node.FirstOrDefault(n => n.OpType == "BatchNormalization" && n.Input[0] == stem.Output[0])
                         ?? throw new InvalidDataException($"{source}: the stem Conv '{stem.Name}' feeds no BatchNormalization.");
            Conv(stem, "conv1");
            BatchNorm(stemBn, "bn1");

            var blocks = graph.Node.Where(n => n.OpType == "Add").ToList();
            var stages = new List<int>();
            var channels = -1L;
            var stage = 0;
            var index = 0;
            foreach (var add in blocks)
            {
                var (main, other) = SplitBranches(add);
                var conv2 = Producer(main.Input[0], "Conv", add);
                var relu = Producer(conv2.Input[0], "Relu", add);
                var bn1 = Producer(relu.Input[0], "BatchNormalization", add);
                var conv1 = Producer(bn1.Input[0], "Conv", add);
                var outChannels = _initializers[conv2.Input[1]].Dims[0];
                if (outChannels != channels)
                {
                    if (channels >= 0) stages.Add(index);
                    stage++;
                    index = 0;
                    channels = outChannels;
                }
                var prefix = $"layer{stage}.{index.ToString(CultureInfo.InvariantCulture)}";
                Conv(conv1, $"{prefix}.conv1");
                BatchNorm(bn1, $"{prefix}.bn1");
                Conv(conv2, $"{prefix}.conv2");
                BatchNorm(main, $"{prefix}.bn2");
                if (other is not null)
                {
                    Conv(Producer(other.Input[0], "Conv", add), $"{prefix}.downsample.0");
                    BatchNorm(other, $"{prefix}.downsample.1");
                }
                index++;
            }
            if (channels >= 0) stages.Add(index);
            if (stages.Count != 4)
                throw new InvalidDataException($"{source}: found {stages.Count} stages of residual blocks ([{string.Join(", ", stages)}]); a ResNet has 4.");
            var unused = _initializers.Keys.Where(k => !_used.Contains(k)).ToList();
            if (unused.Count > 0)
                throw new InvalidDataException($"{source}: initializers not mapped onto the ResNet: {string.Join(", ", unused)}.");
            return new ResNet18OnnxWeights(_mapped, _initializers.Count, stages, source);
        }

        /// <summary>Main branch: the BN whose conv reads a ReLU (conv2 of the block). Other: a BN (downsample) or null (identity).</summary>
        private (NodeProto Main, NodeProto? Downsample) SplitBranches(NodeProto add)
        {
            if (add.Input.Count != 2) throw new InvalidDataException($"{source}: Add '{add.Name}' has {add.Input.Count} inputs, expected 2.");
            var producers = add.Input.Select(i => _producer.GetValueOrDefault(i)).ToArray();
            bool IsMain(NodeProto? p) => p is { OpType: "BatchNormalization" }
                                         && _producer.GetValueOrDefault(p.Input[0]) is { OpType: "Conv" } conv
                                         && _producer.GetValueOrDefault(conv.Input[0]) is { OpType: "Relu" };
            var mainIndex = IsMain(producers[0]) ? 0 : IsMain(producers[1]) ? 1 : -1;
            if (mainIndex < 0) throw new InvalidDataException($"{source}: neither input of Add '{add.Name}' is a conv-BN-ReLU-conv-BN branch.");
            var other = producers[1 - mainIndex];
            return (producers[mainIndex]!, other is { OpType: "BatchNormalization" } ? other : null);
        }

        private NodeProto Producer(string output, string opType, NodeProto block)
        {
            var node = _producer.GetValueOrDefault(output);
            if (node is null || node.OpType != opType)
                throw new InvalidDataException($"{source}: in the block closed by '{block.Name}', '{output}' comes from {node?.OpType ?? "no node"}, expected {opType}.");
            return node;
        }

        private void Conv(NodeProto conv, string name)
        {
            if (conv.Input.Count != 2) throw new InvalidDataException($"{source}: Conv '{conv.Name}' has a bias or no weight ({conv.Input.Count} inputs); ResNet convs have only a weight.");
            Take(conv.Input[1], $"{name}.weight");
        }

        private void BatchNorm(NodeProto bn, string name)
        {
            if (bn.Input.Count != 5) throw new InvalidDataException($"{source}: BatchNormalization '{bn.Name}' has {bn.Input.Count} inputs, expected 5.");
            var epsilon = bn.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            if (Math.Abs(epsilon - 1e-5f) > 1e-9f)
                throw new InvalidDataException($"{source}: BatchNormalization '{bn.Name}' uses epsilon {epsilon}; the module uses 1e-5.");
            Take(bn.Input[1], $"{name}.weight");
            Take(bn.Input[2], $"{name}.bias");
            Take(bn.Input[3], $"{name}.running_mean");
            Take(bn.Input[4], $"{name}.running_var");
        }

        private void Take(string initializer, string name)
        {
            if (!_initializers.TryGetValue(initializer, out var t))
                throw new InvalidDataException($"{source}: '{initializer}' (for {name}) is not an initializer.");
            if (!_used.Add(initializer))
                throw new InvalidDataException($"{source}: initializer '{initializer}' would be used twice (second time for {name}).");
            _mapped[name] = ([.. t.Dims], OnnxTensors.ToFloats(t, source));
        }
    }
}
