using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// The case study's classifier: a fusion module over (image, text) embeddings followed by a
/// <see cref="ClassifierHead"/>; forward(image (B, D_img), text (B, D_txt)) returns logits (B, C).
/// The image-only baseline (<see cref="ImageOnly"/>) has no fusion module: the head reads the image embedding
/// and the text argument is ignored (pass null). A fusion that already returns class logits
/// (<see cref="ILogitFusion"/>, i.e. <see cref="LateFusion"/>) gets no head. Optional
/// <see cref="ModalityDropout"/> runs in front of the fusion (training only).
/// Build any method by name with <see cref="Create"/>.
/// </summary>
public sealed class FusionClassifier : nn.Module<Tensor, Tensor?, Tensor>, IFeatureClassifier
{
    private readonly ModalityDropout? modality_dropout;
    private readonly FusionModule? fusion;
    private readonly ClassifierHead? head;

    /// <summary>Fusion followed by a head; the head's input width must equal the fusion's output width.</summary>
    /// <param name="fusion">The fusion method.</param>
    /// <param name="head">Reads the fused representation.</param>
    /// <param name="modalityDropout">Optional modality dropout in front of the fusion.</param>
    public FusionClassifier(FusionModule fusion, ClassifierHead head, ModalityDropout? modalityDropout = null)
        : this(fusion, head, fusion.ImageDim, modalityDropout)
    {
    }

    /// <summary>A fusion that returns class logits itself (<see cref="ILogitFusion"/>, e.g. <see cref="LateFusion"/>), without a head.</summary>
    /// <exception cref="ArgumentException">The fusion returns features, not logits: it needs a head.</exception>
    public FusionClassifier(FusionModule fusion, ModalityDropout? modalityDropout = null)
        : this(fusion is ILogitFusion ? fusion : throw new ArgumentException($"{fusion.GetName()} returns features, not class logits: give it a ClassifierHead.", nameof(fusion)),
               null, fusion.ImageDim, modalityDropout)
    {
    }

    private FusionClassifier(FusionModule? fusion, ClassifierHead? head, int imageDim, ModalityDropout? modalityDropout = null) : base(nameof(FusionClassifier))
    {
        if (fusion is not null && head is not null && head.InputDim != fusion.OutputDim)
            throw new ArgumentException($"The head reads {head.InputDim} features but {fusion.GetName()} outputs {fusion.OutputDim}.", nameof(head));
        if (fusion is ILogitFusion && head is not null)
            throw new ArgumentException($"{fusion.GetName()} returns class logits itself; it takes no head.", nameof(head));
        modality_dropout = modalityDropout;
        this.fusion = fusion;
        this.head = head;
        ImageDim = imageDim;
        RegisterComponents();
    }

    /// <summary>
    /// Any fusion method by name (<see cref="FusionMethods.Names"/>) and a head with the given hidden sizes, e.g.
    /// <c>Create("gated", 512, 384, 10, [256])</c> = GMU(512, 384 -> 256) - Linear(256, 256) - σ - Linear(256, 10).
    /// For <c>late</c> the hidden sizes, activation and dropout shape each per-modality classifier instead, and
    /// no head is added. <see cref="FusionOptions.ModalityDropout"/> &gt; 0 adds <see cref="ModalityDropout"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown method (the message lists the valid ones) or bad settings.</exception>
    public static FusionClassifier Create(string method, int imageDim, int textDim, int classCount, IReadOnlyList<int> hiddenSizes,
                                          FusionOptions? options = null, HeadActivation activation = HeadActivation.ReLU, double dropout = 0)
    {
        ArgumentNullException.ThrowIfNull(method);
        var o = options ?? FusionOptions.Default;
        if (o.ModalityDropout is < 0 or > 1 || double.IsNaN(o.ModalityDropout))
            throw new ArgumentOutOfRangeException(nameof(options), o.ModalityDropout, "FusionOptions.ModalityDropout must be in [0, 1].");
        var modalityDropout = o.ModalityDropout > 0 ? new ModalityDropout(o.ModalityDropout) : null;
        if (string.Equals(method, FusionMethods.Late, StringComparison.OrdinalIgnoreCase))
            return new FusionClassifier(new LateFusion(imageDim, textDim, classCount, hiddenSizes, activation, dropout), modalityDropout);
        var fusion = FusionMethods.Create(method, imageDim, textDim, o);
        return new FusionClassifier(fusion, new ClassifierHead(fusion.OutputDim, hiddenSizes, classCount, activation, dropout), modalityDropout);
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

    /// <summary>The classifier head, or null for a fusion that returns logits itself (<see cref="LateFusion"/>).</summary>
    public ClassifierHead? Head => head;

    /// <summary>The modality dropout in front of the fusion, or null.</summary>
    public ModalityDropout? ModalityDropout => modality_dropout;

    /// <inheritdoc />
    public int ClassCount => head?.OutputDim ?? ((ILogitFusion)fusion!).ClassCount;

    /// <inheritdoc />
    public int ImageDim { get; }

    /// <inheritdoc />
    public int? SampleTextDim => fusion?.TextDim;

    /// <summary>True for the image-only baseline (text is ignored).</summary>
    public bool IsImageOnly => fusion is null;

    public override Tensor forward(Tensor image, Tensor? text)
    {
        if (fusion is null) return head!.call(image); // (B, C); the head checks the width
        if (text is null)
            throw new ArgumentNullException(nameof(text), $"This classifier fuses image and text ({fusion.GetName()}); a text batch (B, {fusion.TextDim}) is required.");
        using var scope = NewDisposeScope();
        if (modality_dropout is not null) (image, text) = modality_dropout.call(image, text); // training only
        var fused = fusion.call(image, text);                // (B, F)
        var logits = head is null ? fused : head.call(fused); // (B, C)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>The fusion's per-sample (image, text) weights (B, 2), or null where it weighs nothing (or image-only).</summary>
    public Tensor? ModalityWeights(Tensor image, Tensor text) => fusion?.ModalityWeights(image, text);

    /// <inheritdoc />
    public Tensor Logits(Tensor image, Tensor? text) => call(image, text);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            modality_dropout?.Dispose();
            fusion?.Dispose();
            head?.Dispose();
        }
        base.Dispose(disposing);
    }
}
