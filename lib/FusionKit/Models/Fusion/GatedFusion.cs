using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Gated Multimodal Unit (Arevalo, Solorio, Montes-y-Gómez and González, "Gated Multimodal Units for Information
/// Fusion", ICLR workshop 2017, Eq. 1-4): h_v = tanh(W_v x_v), h_t = tanh(W_t x_t), z = σ(W_z [x_v ; x_t]),
/// h = z ⊙ h_v + (1 − z) ⊙ h_t, (B, H). The paper writes the products without biases; like its reference
/// implementation's dense layers, each linear map here has one. The gate reads both raw modalities (Multimodal-
/// Toolkit issue #9 was a gate fed the wrong tensor).
/// Per-sample modality weights are defined as the mean over the H hidden units of z (image) and of 1 − z (text):
/// the average share of h that comes from each modality; the two always sum to 1.
/// <para>The gate's input splits as W_z [x_v ; x_t] = W_z,v x_v + W_z,t x_t, so everything but the gate's sum and the
/// mix is computed per image or per text (<see cref="IPairwiseFusion"/>).</para>
/// </summary>
public sealed class GatedFusion : FusionModule, IPairwiseFusion
{
    private readonly Linear image_hidden;
    private readonly Linear text_hidden;
    private readonly Linear gate;

    /// <param name="imageDim">D_img (x_v).</param>
    /// <param name="textDim">D_txt (x_t).</param>
    /// <param name="hiddenDim">H, width of h_v, h_t, z and the output.</param>
    public GatedFusion(int imageDim, int textDim, int hiddenDim) : base(nameof(GatedFusion), imageDim, textDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenDim);
        image_hidden = nn.Linear(imageDim, hiddenDim);
        text_hidden = nn.Linear(textDim, hiddenDim);
        gate = nn.Linear(imageDim + textDim, hiddenDim);
        HiddenDim = hiddenDim;
        RegisterComponents();
    }

    /// <summary>H.</summary>
    public int HiddenDim { get; }

    /// <summary>W_v (e.g. to set weights).</summary>
    public Linear ImageHidden => image_hidden;

    /// <summary>W_t.</summary>
    public Linear TextHidden => text_hidden;

    /// <summary>W_z, reading [x_v ; x_t].</summary>
    public Linear Gate => gate;

    /// <inheritdoc />
    public override int OutputDim => HiddenDim;

    public override Tensor forward(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var h = Combine(ImageSide(image), TextSide(text)); // (B, H)
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>[h_v ; W_z,v x_v] (N, 2H): the image's hidden units and its share of the gate's input (W_z = [W_z,v W_z,t]).</summary>
    public Tensor ImageSide(Tensor image)
    {
        CheckImage(image);
        return Side(image_hidden, image, ImageGate);
    }

    /// <summary>[h_t ; W_z,t x_t + b_z] (N, 2H): the text's hidden units and its share of the gate's input, with the gate's bias.</summary>
    public Tensor TextSide(Tensor text)
    {
        CheckText(text);
        return Side(text_hidden, text, TextGate);
    }

    /// <summary>[tanh(hidden(x)) ; gatePart(x)], (N, 2H).</summary>
    private static Tensor Side(Linear hidden, Tensor input, Func<Tensor, Tensor> gatePart)
    {
        using var scope = NewDisposeScope();
        var units = torch.tanh(hidden.call(input));                     // (N, H)
        var side = torch.cat([units, gatePart(input)], 1);              // (N, 2H)
        return side.MoveToOuterDisposeScope();
    }

    /// <summary>z = σ(W_z,v x_v + W_z,t x_t + b_z), h = z ⊙ h_v + (1 − z) ⊙ h_t per pair, (B, H).</summary>
    public Tensor Combine(Tensor imageSide, Tensor textSide)
    {
        using var scope = NewDisposeScope();
        long hidden = HiddenDim;
        var z = torch.sigmoid(imageSide.narrow(1, hidden, hidden) + textSide.narrow(1, hidden, hidden)); // (B, H)
        var h = z * imageSide.narrow(1, 0, hidden) + (1 - z) * textSide.narrow(1, 0, hidden);             // (B, H)
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>(mean_h z, mean_h (1 − z)) per sample, (B, 2); rows sum to 1.</summary>
    public override Tensor ModalityWeights(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var imageShare = GateValues(image, text).mean([1]);                  // (B)
        var weights = torch.stack([imageShare, 1 - imageShare], 1);          // (B, 2)
        return weights.MoveToOuterDisposeScope();
    }

    /// <summary>z = σ(W_z [x_v ; x_t]), (B, H): the share of each hidden unit taken from the image.</summary>
    public Tensor GateValues(Tensor image, Tensor text)
    {
        CheckInputs(image, text);
        using var scope = NewDisposeScope();
        var z = torch.sigmoid(ImageGate(image) + TextGate(text)); // (B, H) = σ(W_z,v x_v + W_z,t x_t + b_z)
        return z.MoveToOuterDisposeScope();
    }

    /// <summary>W_z,v x_v (N, H): the gate's columns that read the image.</summary>
    private Tensor ImageGate(Tensor image) => nn.functional.linear(image, ColumnBlock(gate.weight!, 0, ImageDim));

    /// <summary>W_z,t x_t + b_z (N, H): the gate's columns that read the text, and its bias.</summary>
    private Tensor TextGate(Tensor text) => nn.functional.linear(text, ColumnBlock(gate.weight!, ImageDim, TextDim), gate.bias);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            image_hidden.Dispose();
            text_hidden.Dispose();
            gate.Dispose();
        }
        base.Dispose(disposing);
    }
}
