using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models;

/// <summary>
/// The paper's fully connected head: hidden layers Z_l = σ(W_l Z_{l-1} + b_l) (each followed by dropout when
/// set), then a final linear layer that returns logits (B, OutputDim). Softmax belongs to the loss
/// (cross-entropy) and to prediction, as in PyTorch's <c>nn.Sequential(nn.Linear, nn.ReLU, ..., nn.Linear)</c>
/// heads. Checkpoint keys: <c>layers.{i}.weight</c>, <c>layers.{i}.bias</c>.
/// </summary>
public sealed class ClassifierHead : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly nn.Module<Tensor, Tensor> activation;
    private readonly Dropout? dropout;

    /// <param name="inputDim">Width of the input, e.g. 896 for a 512-d image + 384-d text concatenation.</param>
    /// <param name="hiddenSizes">Widths of the hidden layers, e.g. [512]; empty for a linear (logistic) head.</param>
    /// <param name="outputDim">Number of logits, e.g. the number of classes.</param>
    /// <param name="activationKind">σ between layers.</param>
    /// <param name="dropoutRate">Dropout after each hidden activation, in [0, 1); 0 = none.</param>
    public ClassifierHead(int inputDim, IReadOnlyList<int> hiddenSizes, int outputDim,
                          HeadActivation activationKind = HeadActivation.ReLU, double dropoutRate = 0)
        : base(nameof(ClassifierHead))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputDim);
        if (hiddenSizes.Any(h => h <= 0))
            throw new ArgumentOutOfRangeException(nameof(hiddenSizes), $"Hidden layer sizes must be positive, got [{string.Join(", ", hiddenSizes)}].");
        if (dropoutRate is < 0 or >= 1 || double.IsNaN(dropoutRate))
            throw new ArgumentOutOfRangeException(nameof(dropoutRate), dropoutRate, "Dropout must be in [0, 1).");

        var widths = new List<int> { inputDim };
        widths.AddRange(hiddenSizes);
        widths.Add(outputDim);
        layers = new ModuleList<Linear>();
        for (var i = 0; i + 1 < widths.Count; i++) layers.Add(nn.Linear(widths[i], widths[i + 1]));
        activation = HeadActivations.CreateModule(activationKind);
        dropout = dropoutRate > 0 ? nn.Dropout(dropoutRate) : null;

        InputDim = inputDim;
        HiddenSizes = hiddenSizes.ToArray();
        OutputDim = outputDim;
        Activation = activationKind;
        DropoutRate = dropoutRate;
        RegisterComponents();
    }

    /// <summary>Width of the input.</summary>
    public int InputDim { get; }

    /// <summary>Widths of the hidden layers.</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>Number of logits.</summary>
    public int OutputDim { get; }

    /// <summary>σ between layers.</summary>
    public HeadActivation Activation { get; }

    /// <summary>Dropout rate after each hidden activation.</summary>
    public double DropoutRate { get; }

    /// <summary>The linear layers in run order (hidden ones, then the output layer), e.g. to set weights.</summary>
    public IReadOnlyList<Linear> Layers => layers.ToArray();

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != InputDim)
            throw new ArgumentException($"{nameof(ClassifierHead)}: input must be (B, {InputDim}), got ({string.Join(", ", input.shape)}).", nameof(input));
        using var scope = NewDisposeScope();
        var logits = layers.Count == 1 ? layers[0].call(input) : FromFirstLayer(layers[0].call(input)); // (B, OutputDim)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The rest of the head from the first hidden layer's pre-activation W_1 x + b_1 (..., H_1): σ and dropout, the
    /// other hidden layers, the output layer; (..., OutputDim). Lets a caller compute the first layer its own way, e.g.
    /// in column blocks (<see cref="FirstLayerBlocks"/>) when the input is a concatenation whose parts repeat.
    /// </summary>
    /// <exception cref="InvalidOperationException">The head has no hidden layer.</exception>
    public Tensor FromFirstLayer(Tensor preActivation)
    {
        if (layers.Count == 1) throw new InvalidOperationException($"{nameof(ClassifierHead)}: a head without hidden layers has no first-layer pre-activation.");
        using var scope = NewDisposeScope();
        var z = preActivation;                             // (..., H_1)
        for (var i = 1; i < layers.Count; i++)
        {
            z = activation.call(z);
            if (dropout is not null) z = dropout.call(z);
            z = layers[i].call(z);                         // (..., H_{i+1}), the last one (..., OutputDim)
        }
        return z.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The first layer's weight in two column blocks, the columns that read the input's first
    /// <paramref name="leftWidth"/> features (H_1, leftWidth) and the rest (H_1, InputDim - leftWidth), each copied to a
    /// contiguous matrix; gradients flow back to the weight. For an input [a ; b]: W_1 [a ; b] + b_1 = W_a a + W_b b + b_1,
    /// so each part can be multiplied once per distinct value. Copies because training through the strided column views
    /// cost 1.2-1.4x the time (docs/platform.md, "Column blocks of a weight"); split, not two narrows, because each narrow's
    /// backward writes a zero-filled gradient of the whole weight.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leftWidth"/> outside 1..InputDim-1.</exception>
    public (Tensor Left, Tensor Right) FirstLayerBlocks(long leftWidth)
    {
        if (leftWidth < 1 || leftWidth >= InputDim)
            throw new ArgumentOutOfRangeException(nameof(leftWidth), leftWidth, $"The left block must have 1 to {InputDim - 1} of the {InputDim} input columns.");
        var blocks = layers[0].weight!.split([leftWidth, InputDim - leftWidth], 1);
        var left = blocks[0].contiguous();
        var right = blocks[1].contiguous();
        foreach (var block in blocks) block.Dispose();
        return (left, right);
    }

    /// <summary>
    /// The first layer's pre-activation of the input [a ; b] in its two terms, each computed on its own rows: W_a a
    /// (N, H_1) and W_b b + b_1 (M, H_1) (<see cref="FirstLayerBlocks"/>, the split at a's width). Their sum, broadcast or
    /// gathered per pair, is what <see cref="FromFirstLayer"/> reads: a caller whose rows repeat a or b computes each once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a's width outside 1..InputDim-1.</exception>
    public (Tensor LeftTerm, Tensor RightTerm) FirstLayerTerms(Tensor left, Tensor right)
    {
        using var scope = NewDisposeScope();
        var (leftWeight, rightWeight) = FirstLayerBlocks(left.shape[^1]);
        var leftTerm = nn.functional.linear(left, leftWeight);                       // (N, H_1)
        var rightTerm = nn.functional.linear(right, rightWeight, layers[0].bias);     // (M, H_1)
        return (leftTerm.MoveToOuterDisposeScope(), rightTerm.MoveToOuterDisposeScope());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
            activation.Dispose();
            dropout?.Dispose();
        }
        base.Dispose(disposing);
    }
}
