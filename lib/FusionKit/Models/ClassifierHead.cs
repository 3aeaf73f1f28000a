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
        var z = input;                                     // (B, D_in)
        for (var i = 0; i < layers.Count - 1; i++)
        {
            z = activation.call(layers[i].call(z));        // (B, H_i)
            if (dropout is not null) z = dropout.call(z);
        }
        var logits = layers[^1].call(z);                   // (B, OutputDim)
        return logits.MoveToOuterDisposeScope();
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
