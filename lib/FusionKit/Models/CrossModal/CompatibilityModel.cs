using FusionKit.Models.Fusion;
using TorchSharp;
using static TorchSharp.torch;

namespace FusionKit.Models.CrossModal;

/// <summary>
/// Scores how well an image matches a label's text: score(image, label text) = head(fusion(image, text)), a
/// scalar. It is the honest use of class-label text embeddings: the label is never an input of the sample;
/// every image is scored against every candidate label text and the prediction is the argmax, so no label is
/// needed at test time. forward(image (B, D_img), labelTexts (C, D_txt)) returns scores (B, C), which train
/// with softmax cross-entropy (the true label's text is the positive, the other labels' texts the negatives),
/// as in the sampled-softmax / InfoNCE objective of CLIP (Radford et al. 2021) restricted to the label set.
/// The candidate label texts the model was built with are kept as the buffer <c>label_texts</c>, so they travel
/// with saved weights; <see cref="nn.Module{T1,T2,TResult}.call"/> scores any other candidate set too.
/// </summary>
public sealed class CompatibilityModel : nn.Module<Tensor, Tensor, Tensor>, IFeatureClassifier
{
    private readonly FusionModule fusion;
    private readonly ClassifierHead head;
    private readonly Tensor label_texts;

    /// <param name="fusion">Fuses one image row with one label-text row.</param>
    /// <param name="head">Maps the fused row to one score (OutputDim 1).</param>
    /// <param name="labelTexts">Text embeddings of the C labels (C, D_txt), row c = label c; copied.</param>
    public CompatibilityModel(FusionModule fusion, ClassifierHead head, Tensor labelTexts) : base(nameof(CompatibilityModel))
    {
        if (head.InputDim != fusion.OutputDim)
            throw new ArgumentException($"The head reads {head.InputDim} features but {fusion.GetName()} outputs {fusion.OutputDim}.", nameof(head));
        if (head.OutputDim != 1)
            throw new ArgumentException($"A compatibility head returns one score; this head returns {head.OutputDim}.", nameof(head));
        if (labelTexts.dim() != 2 || labelTexts.shape[1] != fusion.TextDim || labelTexts.shape[0] < 2)
            throw new ArgumentException($"Label texts must be (C >= 2, {fusion.TextDim}), got ({string.Join(", ", labelTexts.shape)}).", nameof(labelTexts));
        this.fusion = fusion;
        this.head = head;
        using (var asFloat = labelTexts.to_type(ScalarType.Float32))
            label_texts = asFloat.clone().DetachFromDisposeScope();
        ClassCount = (int)labelTexts.shape[0];
        RegisterComponents();
    }

    /// <summary>
    /// The paper-shaped network for scoring: [image ; label text] concatenation then a head with the given hidden
    /// sizes and one output, e.g. Linear(896, 512) - σ - Linear(512, 1).
    /// </summary>
    public static CompatibilityModel Concat(float[][] labelTexts, int imageDim, IReadOnlyList<int> hiddenSizes,
                                            HeadActivation activation = HeadActivation.ReLU, double dropout = 0, int? projectionDim = null)
    {
        ArgumentNullException.ThrowIfNull(labelTexts);
        if (labelTexts.Length == 0) throw new ArgumentException("At least two label texts are needed.", nameof(labelTexts));
        var textDim = labelTexts[0].Length;
        for (var c = 0; c < labelTexts.Length; c++)
            if (labelTexts[c].Length != textDim)
                throw new ArgumentException($"Label text {c} has {labelTexts[c].Length} values; label text 0 has {textDim}.", nameof(labelTexts));
        using var table = torch.tensor(labelTexts.SelectMany(r => r).ToArray(), labelTexts.Length, textDim);
        var concat = new ConcatFusion(imageDim, textDim, projectionDim);
        return new CompatibilityModel(concat, new ClassifierHead(concat.OutputDim, hiddenSizes, 1, activation, dropout), table);
    }

    /// <summary>Number of candidate labels C.</summary>
    public int ClassCount { get; }

    /// <inheritdoc />
    public int ImageDim => fusion.ImageDim;

    /// <summary>Null: the model reads no per-sample text, only the label texts.</summary>
    public int? SampleTextDim => null;

    /// <summary>The fusion module.</summary>
    public FusionModule Fusion => fusion;

    /// <summary>The scoring head (one output).</summary>
    public ClassifierHead Head => head;

    /// <summary>
    /// Whether <see cref="forward"/> may take the factorised path (default true). It applies when the fusion is a
    /// <see cref="ConcatFusion"/> without projection and the head has a hidden layer (<see cref="CanFactorize"/>);
    /// set false to force the general path, which pairs every image with every label (B*C rows through the head).
    /// </summary>
    public bool UseFactorizedFirstLayer { get; set; } = true;

    /// <summary>
    /// True when the first linear layer decomposes over the concatenation: W[x; t] + b = W_x x + (W_t t + b), so
    /// (B, H) image terms and (C, H) label terms are computed once and broadcast-added to (B, C, H) instead of
    /// pushing B*C concatenated rows through it (about C times less work in the widest layer).
    /// </summary>
    public bool CanFactorize => fusion is ConcatFusion { ProjectionDim: null } && head.HiddenSizes.Count > 0;

    /// <summary>Scores every image against every candidate label text: (B, D_img), (C, D_txt) -> (B, C).</summary>
    public override Tensor forward(Tensor image, Tensor labelTexts)
    {
        if (image.dim() != 2 || image.shape[1] != fusion.ImageDim)
            throw new ArgumentException($"{nameof(CompatibilityModel)}: image batch must be (B, {fusion.ImageDim}), got ({string.Join(", ", image.shape)}).", nameof(image));
        if (labelTexts.dim() != 2 || labelTexts.shape[1] != fusion.TextDim)
            throw new ArgumentException($"{nameof(CompatibilityModel)}: label texts must be (C, {fusion.TextDim}), got ({string.Join(", ", labelTexts.shape)}).", nameof(labelTexts));
        return UseFactorizedFirstLayer && CanFactorize ? FactorizedScores(image, labelTexts) : PairedScores(image, labelTexts);
    }

    /// <summary>The general path: every (image, label) pair is fused and scored by the whole head.</summary>
    private Tensor PairedScores(Tensor image, Tensor labelTexts)
    {
        using var scope = NewDisposeScope();
        long b = image.shape[0], c = labelTexts.shape[0];
        var pairedImage = image.unsqueeze(1).expand(b, c, fusion.ImageDim).reshape(b * c, fusion.ImageDim);    // (B*C, D_img)
        var pairedText = labelTexts.unsqueeze(0).expand(b, c, fusion.TextDim).reshape(b * c, fusion.TextDim);  // (B*C, D_txt)
        var fused = fusion.call(pairedImage, pairedText);  // (B*C, F)
        var scores = head.call(fused).view(b, c);          // (B, C)
        return scores.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The fast path for an unprojected concatenation: the head's first layer is applied in its image and text column
    /// blocks (<see cref="ClassifierHead.FirstLayerTerms"/>), each once, and the sum is broadcast over (B, C); the rest
    /// of the head then runs on (B, C, H) as it would on the B*C paired rows. Same function, same parameters, same gradients.
    /// </summary>
    private Tensor FactorizedScores(Tensor image, Tensor labelTexts)
    {
        using var scope = NewDisposeScope();
        var (imageTerm, labelTerm) = head.FirstLayerTerms(image, labelTexts);                // (B, H), (C, H)
        var scores = head.FromFirstLayer(imageTerm.unsqueeze(1) + labelTerm.unsqueeze(0))  // (B, C, 1)
                         .squeeze(-1);                                                       // (B, C)
        return scores.MoveToOuterDisposeScope();
    }

    /// <summary>Scores (B, C) against the label texts the model was built with.</summary>
    public Tensor Logits(Tensor image, Tensor? text) => call(image, label_texts);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fusion.Dispose();
            head.Dispose();
            label_texts.Dispose();
        }
        base.Dispose(disposing);
    }
}
