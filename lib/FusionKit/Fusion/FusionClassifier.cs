using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Fusion;

/// <summary>
/// The case study's classifier: a fusion module over (image, text) embeddings followed by a
/// <see cref="ClassifierHead"/>; forward(image (B, D_img), text (B, D_txt)) returns logits (B, C).
/// The image-only baseline (<see cref="ImageOnly"/>) has no fusion module: the head reads the image embedding
/// and the text argument is ignored (pass null).
/// </summary>
public sealed class FusionClassifier : nn.Module<Tensor, Tensor?, Tensor>, IFeatureClassifier
{
    private readonly FusionModule? fusion;
    private readonly ClassifierHead head;

    /// <summary>Fusion followed by a head; the head's input width must equal the fusion's output width.</summary>
    public FusionClassifier(FusionModule fusion, ClassifierHead head) : this(fusion, head, fusion.ImageDim)
    {
    }

    private FusionClassifier(FusionModule? fusion, ClassifierHead head, int imageDim) : base(nameof(FusionClassifier))
    {
        if (fusion is not null && head.InputDim != fusion.OutputDim)
            throw new ArgumentException($"The head reads {head.InputDim} features but {fusion.GetName()} outputs {fusion.OutputDim}.", nameof(head));
        this.fusion = fusion;
        this.head = head;
        ImageDim = imageDim;
        RegisterComponents();
    }

    /// <summary>The image-only baseline: the head reads the image embedding (B, head.InputDim) alone.</summary>
    public static FusionClassifier ImageOnly(ClassifierHead head) => new(null, head, head.InputDim);

    /// <summary>
    /// The paper's configuration: [image ; text] concatenation (optionally projected) and a head with the given
    /// hidden sizes, e.g. <c>Concat(512, 384, 10, [512])</c> = Linear(896, 512) - σ - Linear(512, 10).
    /// </summary>
    public static FusionClassifier Concat(int imageDim, int textDim, int classCount, IReadOnlyList<int> hiddenSizes,
                                          HeadActivation activation = HeadActivation.ReLU, double dropout = 0, int? projectionDim = null)
    {
        var concat = new ConcatFusion(imageDim, textDim, projectionDim);
        return new FusionClassifier(concat, new ClassifierHead(concat.OutputDim, hiddenSizes, classCount, activation, dropout));
    }

    /// <summary>The fusion module, or null for the image-only baseline.</summary>
    public FusionModule? Fusion => fusion;

    /// <summary>The classifier head.</summary>
    public ClassifierHead Head => head;

    /// <inheritdoc />
    public int ClassCount => head.OutputDim;

    /// <inheritdoc />
    public int ImageDim { get; }

    /// <inheritdoc />
    public int? SampleTextDim => fusion?.TextDim;

    /// <summary>True for the image-only baseline (text is ignored).</summary>
    public bool IsImageOnly => fusion is null;

    public override Tensor forward(Tensor image, Tensor? text)
    {
        if (fusion is null) return head.call(image); // (B, C); the head checks the width
        if (text is null)
            throw new ArgumentNullException(nameof(text), $"This classifier fuses image and text ({fusion.GetName()}); a text batch (B, {fusion.TextDim}) is required.");
        using var scope = NewDisposeScope();
        var fused = fusion.call(image, text);  // (B, F)
        var logits = head.call(fused);         // (B, C)
        return logits.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Logits(Tensor image, Tensor? text) => call(image, text);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fusion?.Dispose();
            head.Dispose();
        }
        base.Dispose(disposing);
    }
}
